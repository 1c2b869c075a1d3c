package org.custodia.ledger.contracts;

import static org.custodia.ledger.contracts.ConsentScenario.A_IMAGING;
import static org.custodia.ledger.contracts.ConsentScenario.A_LAB;
import static org.custodia.ledger.contracts.ConsentScenario.A_OTHER_PATIENT;
import static org.custodia.ledger.contracts.ConsentScenario.BASIS_EMERGENCY;
import static org.custodia.ledger.contracts.ConsentScenario.B_LAB;
import static org.custodia.ledger.contracts.ConsentScenario.OTHER_PATIENT;
import static org.custodia.ledger.contracts.ConsentScenario.PATIENT;
import static org.custodia.ledger.contracts.Ids.ZERO;
import static org.custodia.ledger.contracts.Ids.id;
import static org.custodia.ledger.testing.TestAccount.customError;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.custodia.ledger.contracts.generated.ConsentRegistry;
import org.custodia.ledger.contracts.generated.ConsentRegistry.EmergencyAccess;
import org.custodia.ledger.contracts.generated.RecordRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Utf8String;
import org.web3j.abi.datatypes.generated.Bytes32;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.abi.datatypes.generated.Uint64;
import org.web3j.abi.datatypes.generated.Uint8;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.tuples.generated.Tuple2;

class EmergencyAccessTest {

    private static final BigInteger UNCONSCIOUS_PATIENT = BigInteger.ONE;
    private static final BigInteger LIFE_THREATENING_CONDITION = BigInteger.TWO;
    private static final BigInteger CUSTODIAN_UNREACHABLE = BigInteger.valueOf(3);
    private static final BigInteger PUBLIC_HEALTH_EMERGENCY = BigInteger.valueOf(4);
    private static final BigInteger REASON = UNCONSCIOUS_PATIENT;
    private static final Duration WINDOW = Duration.ofHours(24);
    private static final BigInteger FIRST = BigInteger.ONE;
    private static final BigInteger SECOND = BigInteger.TWO;

    @RegisterExtension
    static final ConsentScenario chain = new ConsentScenario();

    /**
     * Whether the patient has any record is one read of the list's length: a declaration for a patient with a long
     * history costs what one for a patient with a single record does (it copied the whole list before, about 2,270
     * gas a record). Gas is deterministic; the two differ only by the calldata of the two pseudonyms. Prints both
     * figures (README of the ledger connector).
     */
    @Test
    void aDeclarationCostsTheSameWhateverThePatientsHistory() throws Exception {
        byte[] longHistory = id("patient-with-history");
        for (int batch = 0; batch < 2; batch++) {
            List<RecordRegistry.NewAnchor> anchors = new ArrayList<>();
            for (int i = 0; i < 32; i++) {
                anchors.add(new RecordRegistry.NewAnchor(id("history-" + batch + "-" + i), longHistory, id("e"),
                        ConsentScenario.LAB, "application/pdf", ZERO));
            }
            chain.a.records().anchorBatch(anchors).send();
        }
        assertEquals(BigInteger.valueOf(64), chain.stranger.records().recordCountOfPatient(longHistory).send());
        // the chain's first declaration also starts the declarations' counter: not one of the two compared
        chain.b.consent().emergencyAccess(PATIENT, REASON).send();

        long oneRecord = chain.c.consent().emergencyAccess(OTHER_PATIENT, REASON).send().getGasUsed().longValue();
        long sixtyFour = chain.c.consent().emergencyAccess(longHistory, REASON).send().getGasUsed().longValue();

        System.out.printf("emergencyAccess: %,d gas for a patient with 1 record, %,d with 64%n", oneRecord, sixtyFour);
        assertTrue(Math.abs(sixtyFour - oneRecord) < 1_000, oneRecord + " and " + sixtyFour + " gas");
    }

    @Test
    void emergencyAccessOpensEveryRecordOfThePatientForTheWindowAndIsFlagged() throws Exception {
        TransactionReceipt receipt = chain.c.consent().emergencyAccess(PATIENT, REASON).send();
        BigInteger declaredAt = chain.now();
        BigInteger expiresAt = declaredAt.add(BigInteger.valueOf(WINDOW.toSeconds()));

        assertTrue(chain.hasAccess(A_LAB, chain.c));
        assertTrue(chain.hasAccess(A_IMAGING, chain.c));
        assertTrue(chain.hasAccess(B_LAB, chain.c));
        assertFalse(chain.hasAccess(A_OTHER_PATIENT, chain.c));
        assertFalse(chain.hasAccess(A_LAB, chain.b), "only the declaring hospital");
        assertEquals(new Tuple2<>(BASIS_EMERGENCY, FIRST),
                chain.stranger.consent().checkAccess(B_LAB, chain.c.address()).send());

        EmergencyAccess emergency = chain.stranger.consent().getEmergency(FIRST).send();
        assertArrayEquals(PATIENT, emergency.patientPseudonym);
        assertEquals(chain.c.address(), emergency.requester);
        assertEquals(REASON, emergency.reason);
        assertEquals(declaredAt, emergency.declaredAt);
        assertEquals(expiresAt, emergency.expiresAt);
        assertEquals(BigInteger.ZERO, emergency.reviewedAt, "flagged for review");
        assertEquals(WINDOW.toSeconds(), chain.stranger.consent().EMERGENCY_ACCESS_WINDOW().send().longValueExact());
        assertEquals(List.of(FIRST), chain.stranger.consent().emergenciesOfPatient(PATIENT).send());
        assertEquals(FIRST, chain.stranger.consent().emergencyCount().send());

        ConsentRegistry.EmergencyAccessDeclaredEventResponse event =
                ConsentRegistry.getEmergencyAccessDeclaredEvents(receipt).get(0);
        assertEquals(FIRST, event.emergencyId);
        assertArrayEquals(PATIENT, event.patientPseudonym);
        assertEquals(chain.c.address(), event.requester);
        assertEquals(REASON, event.reason);
        assertEquals(expiresAt, event.expiresAt);
    }

    @Test
    void emergencyAccessExpiresAutomatically() throws Exception {
        chain.c.consent().emergencyAccess(PATIENT, REASON).send();
        BigInteger expiresAt = chain.stranger.consent().getEmergency(FIRST).send().expiresAt;

        chain.advance(WINDOW.minusMinutes(1));
        assertTrue(chain.hasAccess(A_LAB, chain.c));

        chain.advance(Duration.ofMinutes(2));
        assertFalse(chain.hasAccess(A_LAB, chain.c));
        assertFalse(chain.hasAccess(B_LAB, chain.c));
        chain.stranger.consentViewRefuses(
                customError("EmergencyAccessExpired", new Uint256(1), new Uint64(expiresAt)),
                c -> c.checkAccess(A_LAB, chain.c.address()));
        chain.proxy.consentRefuses(customError("EmergencyAccessExpired", new Uint256(1), new Uint64(expiresAt)),
                c -> c.logAccess(A_LAB, chain.c.address()));
    }

    @Test
    void theReasonIsACodeFromAClosedListOfFour() throws Exception {
        ConsentRegistry consent = chain.stranger.consent();
        assertEquals(UNCONSCIOUS_PATIENT, consent.REASON_UNCONSCIOUS_PATIENT().send());
        assertEquals(LIFE_THREATENING_CONDITION, consent.REASON_LIFE_THREATENING_CONDITION().send());
        assertEquals(CUSTODIAN_UNREACHABLE, consent.REASON_CUSTODIAN_UNREACHABLE().send());
        assertEquals(PUBLIC_HEALTH_EMERGENCY, consent.REASON_PUBLIC_HEALTH_EMERGENCY().send());

        chain.c.consent().emergencyAccess(PATIENT, PUBLIC_HEALTH_EMERGENCY).send();
        assertEquals(PUBLIC_HEALTH_EMERGENCY, consent.getEmergency(FIRST).send().reason);
        chain.c.consentRefuses(customError("InvalidReason", new Uint8(0)),
                c -> c.emergencyAccess(OTHER_PATIENT, BigInteger.ZERO));
        chain.c.consentRefuses(customError("InvalidReason", new Uint8(5)),
                c -> c.emergencyAccess(OTHER_PATIENT, BigInteger.valueOf(5)));
        chain.c.consentRefuses(customError("InvalidReason", new Uint8(255)),
                c -> c.emergencyAccess(OTHER_PATIENT, BigInteger.valueOf(255)));
        assertEquals(FIRST, consent.emergencyCount().send());
        assertTrue(consent.emergenciesOfPatient(OTHER_PATIENT).send().isEmpty());
    }

    @Test
    void aDeclarationCannotBeRenewedWhileActiveAndMayBeDeclaredAgainOnceItEnded() throws Exception {
        chain.c.consent().emergencyAccess(PATIENT, REASON).send();
        BigInteger expiresAt = chain.stranger.consent().getEmergency(FIRST).send().expiresAt;

        chain.c.consentRefuses(customError("EmergencyAccessActive", new Uint256(1), new Uint64(expiresAt)),
                c -> c.emergencyAccess(PATIENT, LIFE_THREATENING_CONDITION));
        chain.advance(WINDOW.minusMinutes(1));
        chain.c.consentRefuses(customError("EmergencyAccessActive", new Uint256(1), new Uint64(expiresAt)),
                c -> c.emergencyAccess(PATIENT, REASON));
        assertEquals(FIRST, chain.stranger.consent().emergencyCount().send());

        chain.b.consent().emergencyAccess(PATIENT, REASON).send();
        chain.c.consent().emergencyAccess(OTHER_PATIENT, REASON).send();
        assertEquals(BigInteger.valueOf(3), chain.stranger.consent().emergencyCount().send(),
                "another hospital, or another patient, is not a renewal");

        chain.advance(Duration.ofMinutes(2));
        assertFalse(chain.hasAccess(A_LAB, chain.c));
        TransactionReceipt again = chain.c.consent().emergencyAccess(PATIENT, LIFE_THREATENING_CONDITION).send();
        BigInteger fourth = ConsentRegistry.getEmergencyAccessDeclaredEvents(again).get(0).emergencyId;
        assertEquals(BigInteger.valueOf(4), fourth);
        assertTrue(chain.hasAccess(A_LAB, chain.c));
        assertEquals(new Tuple2<>(BASIS_EMERGENCY, fourth),
                chain.stranger.consent().checkAccess(A_LAB, chain.c.address()).send());
        assertEquals(List.of(FIRST, SECOND, fourth), chain.stranger.consent().emergenciesOfPatient(PATIENT).send());
    }

    @Test
    void emergencyAccessRefusals() throws Exception {
        chain.stranger.consentRefuses(customError("NotMember", new Address(chain.stranger.address())),
                c -> c.emergencyAccess(PATIENT, REASON));
        chain.proxy.consentRefuses(customError("NotHospital", new Address(chain.proxy.address())),
                c -> c.emergencyAccess(PATIENT, REASON));
        chain.c.consentRefuses(customError("UnknownPatient", new Bytes32(id("nobody"))),
                c -> c.emergencyAccess(id("nobody"), REASON));
        chain.c.consentRefuses(customError("MissingField", new Utf8String("patientPseudonym")),
                c -> c.emergencyAccess(ZERO, REASON));
        chain.c.consentRefuses(customError("InvalidReason", new Uint8(0)),
                c -> c.emergencyAccess(PATIENT, BigInteger.ZERO));

        assertEquals(BigInteger.ZERO, chain.stranger.consent().emergencyCount().send());
        assertFalse(chain.hasAccess(A_LAB, chain.c));
        chain.stranger.consentViewRefuses(customError("UnknownEmergency", new Uint256(1)),
                c -> c.getEmergency(FIRST));
    }

    @Test
    void aCustodianOfThePatientMarksEmergencyAccessReviewedOnce() throws Exception {
        chain.c.consent().emergencyAccess(PATIENT, REASON).send();

        TransactionReceipt receipt = chain.b.consent().markReviewed(FIRST).send();

        EmergencyAccess emergency = chain.stranger.consent().getEmergency(FIRST).send();
        assertEquals(chain.b.address(), emergency.reviewedBy);
        assertTrue(emergency.reviewedAt.signum() > 0);
        assertTrue(chain.hasAccess(A_LAB, chain.c), "a review does not end the window");
        ConsentRegistry.EmergencyAccessReviewedEventResponse event =
                ConsentRegistry.getEmergencyAccessReviewedEvents(receipt).get(0);
        assertEquals(FIRST, event.emergencyId);
        assertArrayEquals(PATIENT, event.patientPseudonym);
        assertEquals(chain.b.address(), event.reviewer);

        chain.a.consentRefuses(customError("AlreadyReviewed", new Uint256(1)), c -> c.markReviewed(FIRST));
    }

    @Test
    void theDeclarerCannotReviewItsOwnDeclarationEvenAsACustodianAndAnotherCustodianCan() throws Exception {
        chain.b.consent().emergencyAccess(PATIENT, CUSTODIAN_UNREACHABLE).send();

        chain.b.consentRefuses(customError("DeclarerCannotReview", new Uint256(1), new Address(chain.b.address())),
                c -> c.markReviewed(FIRST));
        assertEquals(BigInteger.ZERO, chain.stranger.consent().getEmergency(FIRST).send().reviewedAt);

        chain.a.consent().markReviewed(FIRST).send();
        EmergencyAccess reviewed = chain.stranger.consent().getEmergency(FIRST).send();
        assertEquals(chain.a.address(), reviewed.reviewedBy);
        assertTrue(reviewed.reviewedAt.signum() > 0);
    }

    @Test
    void markReviewedRefusals() throws Exception {
        chain.c.consent().emergencyAccess(PATIENT, REASON).send();
        chain.c.consent().emergencyAccess(OTHER_PATIENT, REASON).send();

        chain.c.consentRefuses(customError("DeclarerCannotReview", new Uint256(1), new Address(chain.c.address())),
                c -> c.markReviewed(FIRST));
        chain.b.consentRefuses(customError("NotCustodian", new Bytes32(OTHER_PATIENT), new Address(chain.b.address())),
                c -> c.markReviewed(SECOND));
        chain.proxy.consentRefuses(customError("NotHospital", new Address(chain.proxy.address())),
                c -> c.markReviewed(FIRST));
        chain.a.consentRefuses(customError("UnknownEmergency", new Uint256(4)),
                c -> c.markReviewed(BigInteger.valueOf(4)));

        assertEquals(BigInteger.ZERO, chain.stranger.consent().getEmergency(FIRST).send().reviewedAt);
        assertEquals(BigInteger.ZERO, chain.stranger.consent().getEmergency(SECOND).send().reviewedAt);
    }
}
