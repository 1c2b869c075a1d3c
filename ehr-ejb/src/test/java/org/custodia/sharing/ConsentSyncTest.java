package org.custodia.sharing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;

import org.custodia.keys.WrappedKeyPair;
import org.custodia.ledger.api.AccessRequest;
import org.custodia.ledger.api.AccessScope;
import org.custodia.ledger.api.Bytes32;
import org.custodia.ledger.api.EmergencyAccess;
import org.custodia.ledger.api.EmergencyReason;
import org.custodia.ledger.api.LedgerAddress;
import org.custodia.outbox.CommandOutcome;
import org.custodia.patients.PatientCustody;
import org.custodia.patients.PatientRegistry;
import org.custodia.patients.Pseudonym;
import org.custodia.testing.Beans;
import org.custodia.testing.FakeChain;
import org.junit.jupiter.api.Test;

/**
 * What a look at one consent entry notes in the node's index: an entry concerning this node, marked settled or open
 * as the chain says (a request decided, an emergency access reviewed); nothing for an entry between other hospitals.
 * The chain is a fake connection (no chain node runs here), the index, patients and schedule stand-ins.
 */
class ConsentSyncTest {

    private static final LedgerAddress THIS_HOSPITAL = LedgerAddress.fromHex("0x" + "a1".repeat(20));
    private static final LedgerAddress B = LedgerAddress.fromHex("0x" + "b2".repeat(20));
    private static final LedgerAddress C = LedgerAddress.fromHex("0x" + "c3".repeat(20));
    private static final Bytes32 PATIENT = Bytes32.fromHex("d4".repeat(32));

    private final List<String> noted = new ArrayList<>();
    private final FakeChain chain = new FakeChain().answering("account", arguments -> THIS_HOSPITAL);

    @Test
    void aPendingRequestIsMarkedOpen() {
        answerRequest(B, THIS_HOSPITAL, AccessRequest.Status.PENDING);

        assertDone(sync().sync("request:4"));
        assertEquals(List.of("remember REQUEST 4 INCOMING", "open REQUEST 4"), noted);
    }

    @Test
    void aDecidedRequestIsMarkedSettledWhicheverWayItWent() {
        answerRequest(THIS_HOSPITAL, B, AccessRequest.Status.DENIED);
        assertDone(sync().sync("request:4"));
        answerRequest(B, THIS_HOSPITAL, AccessRequest.Status.APPROVED);
        assertDone(sync().sync("request:5"));

        assertEquals(List.of("remember REQUEST 4 OUTGOING", "settled REQUEST 4", "remember REQUEST 5 INCOMING",
                "settled REQUEST 5"), noted);
    }

    @Test
    void aRequestBetweenOtherHospitalsIsNotNoted() {
        answerRequest(B, C, AccessRequest.Status.APPROVED);

        assertDone(sync().sync("request:4"));
        assertEquals(List.of(), noted);
    }

    @Test
    void anEmergencyAccessIsMarkedSettledOnceReviewed() {
        answerEmergency(B, Optional.empty());
        assertDone(sync().sync("emergency:2"));
        answerEmergency(B, Optional.of(Instant.now()));
        assertDone(sync().sync("emergency:3"));

        assertEquals(List.of("remember EMERGENCY 2 INCOMING", "open EMERGENCY 2", "remember EMERGENCY 3 INCOMING",
                "settled EMERGENCY 3"), noted);
    }

    private void answerRequest(LedgerAddress requester, LedgerAddress custodian, AccessRequest.Status status) {
        chain.answering("findAccessRequest", arguments -> Optional.of(new AccessRequest((Long) arguments[0],
                AccessScope.allRecords(PATIENT), requester, custodian, "TREATMENT", Instant.now(), status,
                status == AccessRequest.Status.APPROVED ? OptionalLong.of(9) : OptionalLong.empty())));
    }

    private void answerEmergency(LedgerAddress requester, Optional<Instant> reviewedAt) {
        chain.answering("findEmergencyAccess", arguments -> Optional.of(new EmergencyAccess((Long) arguments[0],
                PATIENT, requester, EmergencyReason.UNCONSCIOUS_PATIENT, Instant.now(),
                Instant.now().plus(Duration.ofHours(4)), reviewedAt.map(at -> C), reviewedAt)));
    }

    private static void assertDone(CommandOutcome outcome) {
        assertEquals(CommandOutcome.Done.class, outcome.getClass(), outcome.toString());
    }

    private ConsentSync sync() {
        ConsentSync sync = new ConsentSync();
        Beans.inject(sync, ConsentSync.class, "ledger", chain);
        Beans.inject(sync, ConsentSync.class, "refs", new ConsentRefs() {
            @Override
            public void remember(ConsentKind kind, long chainId, Direction direction, String patientPseudonym,
                    String counterpart, Instant expiresAt) {
                noted.add("remember " + kind + " " + chainId + " " + direction);
            }

            @Override
            public boolean mark(ConsentKind kind, long chainId, boolean settled) {
                noted.add((settled ? "settled " : "open ") + kind + " " + chainId);
                return true;
            }
        });
        PatientCustody patient = new PatientCustody(UUID.randomUUID(), new Pseudonym("d4".repeat(32)),
                new WrappedKeyPair() {
                });
        Beans.inject(sync, ConsentSync.class, "patients", new PatientRegistry() {
            @Override
            public Optional<PatientCustody> custodyOf(Pseudonym pseudonym) {
                return Optional.of(patient);
            }
        });
        Beans.inject(sync, ConsentSync.class, "schedule", new ConsentSchedule() {
            @Override
            public void reconcileReKeys(String patientPseudonym, String hospital) {
                // the re-keys are not what this test looks at
            }

            @Override
            public void lookAgainAt(String subject, Instant when) {
                // nor the next look
            }
        });
        return sync;
    }
}
