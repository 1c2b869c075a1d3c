package org.custodia.sharing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;

import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;

import org.custodia.ledger.api.AccessRequest;
import org.custodia.ledger.api.Bytes32;
import org.custodia.ledger.api.EmergencyAccess;
import org.custodia.ledger.api.Grant;
import org.custodia.ledger.api.LedgerAddress;
import org.custodia.ledger.api.LedgerConnection;
import org.custodia.ledger.api.LedgerConnectionFactory;
import org.custodia.ledger.api.LedgerException;
import org.custodia.outbox.CommandOutcome;
import org.custodia.patients.PatientRegistry;
import org.custodia.patients.Pseudonym;

/**
 * Brings this node in line with one consent entry on chain ({@code grant:17}, {@code request:4},
 * {@code emergency:2}): notes it in the node's index when it concerns this node, with whether it is settled (a request
 * decided, an emergency access reviewed), and, for a grant this node issued
 * or an emergency access declared for one of its patients, queues the reconciliation of that patient's re-keys for
 * the hospital concerned and the next look at the entry for when it expires. Reads the entry's current state, so
 * any number of runs, in any order, end in the same place.
 */
@ApplicationScoped
public class ConsentSync {

    /** Margin after an expiry before the re-key is withdrawn: the chain's clock is the block time. */
    static final Duration EXPIRY_MARGIN = Duration.ofSeconds(2);

    @Resource(lookup = "java:app/eis/ledger")
    private LedgerConnectionFactory ledger;

    @EJB
    private ConsentRefs refs;

    @EJB
    private PatientRegistry patients;

    @EJB
    private ConsentSchedule schedule;

    private final Clock clock = Clock.systemUTC();

    CommandOutcome sync(String subject) {
        ConsentKind.Entry entry = ConsentKind.parse(subject);
        try (LedgerConnection chain = ledger.getConnection()) {
            switch (entry.kind()) {
                case REQUEST -> request(chain, entry.chainId());
                case GRANT -> grant(chain, entry.chainId());
                case EMERGENCY -> emergency(chain, entry.chainId());
            }
            return new CommandOutcome.Done(Optional.empty(), null, clock.instant());
        } catch (LedgerException e) {
            return new CommandOutcome.Retry(e.getMessage(), Optional.empty());
        }
    }

    private void request(LedgerConnection chain, long id) throws LedgerException {
        Optional<AccessRequest> found = chain.findAccessRequest(id);
        if (found.isPresent()) {
            AccessRequest request = found.get();
            String pseudonym = hex(request.scope().patientPseudonym());
            if (request.requester().equals(chain.account())) {
                refs.remember(ConsentKind.REQUEST, id, Direction.OUTGOING, pseudonym, request.custodian().toString(),
                        null);
            } else if (request.custodian().equals(chain.account())) {
                refs.remember(ConsentKind.REQUEST, id, Direction.INCOMING, pseudonym, request.requester().toString(),
                        null);
            } else {
                return;
            }
            refs.mark(ConsentKind.REQUEST, id, request.status() != AccessRequest.Status.PENDING);
        }
    }

    private void grant(LedgerConnection chain, long id) throws LedgerException {
        Optional<Grant> found = chain.findGrant(id);
        if (found.isEmpty()) {
            return;
        }
        Grant grant = found.get();
        String pseudonym = hex(grant.scope().patientPseudonym());
        if (grant.grantee().equals(chain.account())) {
            refs.remember(ConsentKind.GRANT, id, Direction.INCOMING, pseudonym, grant.custodian().toString(),
                    grant.expiresAt());
        } else if (grant.custodian().equals(chain.account())) {
            refs.remember(ConsentKind.GRANT, id, Direction.OUTGOING, pseudonym, grant.grantee().toString(),
                    grant.expiresAt());
            reconcile(ConsentKind.GRANT.subject(id), pseudonym, grant.grantee(),
                    grant.revokedAt().isPresent() ? null : grant.expiresAt());
        }
    }

    private void emergency(LedgerConnection chain, long id) throws LedgerException {
        Optional<EmergencyAccess> found = chain.findEmergencyAccess(id);
        if (found.isEmpty()) {
            return;
        }
        EmergencyAccess emergency = found.get();
        String pseudonym = hex(emergency.patientPseudonym());
        if (emergency.requester().equals(chain.account())) {
            refs.remember(ConsentKind.EMERGENCY, id, Direction.OUTGOING, pseudonym, emergency.requester().toString(),
                    emergency.expiresAt());
        } else if (patients.custodyOf(new Pseudonym(pseudonym)).isPresent()) {
            refs.remember(ConsentKind.EMERGENCY, id, Direction.INCOMING, pseudonym, emergency.requester().toString(),
                    emergency.expiresAt());
            reconcile(ConsentKind.EMERGENCY.subject(id), pseudonym, emergency.requester(), emergency.expiresAt());
        } else {
            return;
        }
        refs.mark(ConsentKind.EMERGENCY, id, !emergency.isFlaggedForReview());
    }

    /** Queues the pair's reconciliation, and another look at the entry once a live one has expired. */
    private void reconcile(String subject, String pseudonym, LedgerAddress hospital, Instant expiresAt) {
        schedule.reconcileReKeys(pseudonym, hospital.toString());
        if (expiresAt != null && expiresAt.isAfter(clock.instant())) {
            schedule.lookAgainAt(subject, expiresAt.plus(EXPIRY_MARGIN));
        }
    }

    private static String hex(Bytes32 value) {
        return HexFormat.of().formatHex(value.toBytes());
    }
}
