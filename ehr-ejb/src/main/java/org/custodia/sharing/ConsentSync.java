package org.custodia.sharing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;

import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.custodia.ledger.api.AccessRequest;
import org.custodia.ledger.api.Bytes32;
import org.custodia.ledger.api.EmergencyAccess;
import org.custodia.ledger.api.Grant;
import org.custodia.ledger.api.LedgerAddress;
import org.custodia.ledger.api.LedgerConnection;
import org.custodia.ledger.api.LedgerConnectionFactory;
import org.custodia.ledger.api.LedgerException;
import org.custodia.outbox.CommandOutcome;
import org.custodia.patients.PatientCustody;
import org.custodia.patients.PatientRegistry;
import org.custodia.patients.Pseudonym;

/**
 * Brings this node in line with one consent entry on chain ({@code grant:17}, {@code request:4},
 * {@code emergency:2}): notes it in the node's index when it concerns this node, and, for a grant this node issued
 * or an emergency access declared for one of its patients, reconciles the proxies' re-keys and schedules the next
 * look at the entry for when it expires. Reads the entry's current state, so any number of runs, in any order,
 * end in the same place.
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

    @Inject
    private ReKeyIssuer issuer;

    private final Clock clock = Clock.systemUTC();

    CommandOutcome sync(String subject) {
        ConsentKind.Entry entry = ConsentKind.parse(subject);
        try (LedgerConnection chain = ledger.getConnection()) {
            ReKeyIssuer.Outcome outcome = switch (entry.kind()) {
                case REQUEST -> request(chain, entry.chainId());
                case GRANT -> grant(chain, entry.chainId());
                case EMERGENCY -> emergency(chain, entry.chainId());
            };
            return outcome instanceof ReKeyIssuer.Outcome.Retry retry
                    ? new CommandOutcome.Retry(retry.reason(), Optional.empty())
                    : new CommandOutcome.Done(Optional.empty(), null, clock.instant());
        } catch (LedgerException e) {
            return new CommandOutcome.Retry(e.getMessage(), Optional.empty());
        }
    }

    private ReKeyIssuer.Outcome request(LedgerConnection chain, long id) throws LedgerException {
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
            }
        }
        return new ReKeyIssuer.Outcome.Done();
    }

    private ReKeyIssuer.Outcome grant(LedgerConnection chain, long id) throws LedgerException {
        Optional<Grant> found = chain.findGrant(id);
        if (found.isEmpty()) {
            return new ReKeyIssuer.Outcome.Done();
        }
        Grant grant = found.get();
        Bytes32 pseudonym = grant.scope().patientPseudonym();
        if (grant.grantee().equals(chain.account())) {
            refs.remember(ConsentKind.GRANT, id, Direction.INCOMING, hex(pseudonym), grant.custodian().toString(),
                    grant.expiresAt());
            return new ReKeyIssuer.Outcome.Done();
        }
        if (!grant.custodian().equals(chain.account())) {
            return new ReKeyIssuer.Outcome.Done();
        }
        refs.remember(ConsentKind.GRANT, id, Direction.OUTGOING, hex(pseudonym), grant.grantee().toString(),
                grant.expiresAt());
        return reconcile(chain, ConsentKind.GRANT.subject(id), pseudonym, grant.grantee(),
                grant.revokedAt().isPresent() ? null : grant.expiresAt());
    }

    private ReKeyIssuer.Outcome emergency(LedgerConnection chain, long id) throws LedgerException {
        Optional<EmergencyAccess> found = chain.findEmergencyAccess(id);
        if (found.isEmpty()) {
            return new ReKeyIssuer.Outcome.Done();
        }
        EmergencyAccess emergency = found.get();
        String pseudonym = hex(emergency.patientPseudonym());
        if (emergency.requester().equals(chain.account())) {
            refs.remember(ConsentKind.EMERGENCY, id, Direction.OUTGOING, pseudonym, emergency.requester().toString(),
                    emergency.expiresAt());
            return new ReKeyIssuer.Outcome.Done();
        }
        if (patients.custodyOf(new Pseudonym(pseudonym)).isEmpty()) {
            return new ReKeyIssuer.Outcome.Done();
        }
        refs.remember(ConsentKind.EMERGENCY, id, Direction.INCOMING, pseudonym, emergency.requester().toString(),
                emergency.expiresAt());
        return reconcile(chain, ConsentKind.EMERGENCY.subject(id), emergency.patientPseudonym(),
                emergency.requester(), emergency.expiresAt());
    }

    /** Reconciles re-keys for a patient of this node, and looks again once a live entry has expired. */
    private ReKeyIssuer.Outcome reconcile(LedgerConnection chain, String subject, Bytes32 pseudonym,
            LedgerAddress hospital, Instant expiresAt) throws LedgerException {
        Optional<PatientCustody> patient = patients.custodyOf(new Pseudonym(hex(pseudonym)));
        if (patient.isEmpty()) {
            return new ReKeyIssuer.Outcome.Done();
        }
        Instant now = clock.instant();
        ReKeyIssuer.Outcome outcome = issuer.reconcile(chain, patient.get(), hospital, now);
        if (expiresAt != null && expiresAt.isAfter(now)) {
            schedule.lookAgainAt(subject, expiresAt.plus(EXPIRY_MARGIN));
        }
        return outcome;
    }

    private static String hex(Bytes32 value) {
        return HexFormat.of().formatHex(value.toBytes());
    }
}
