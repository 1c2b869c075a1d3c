package org.custodia.ledger.contracts;

import static org.custodia.ledger.contracts.ConsentScenario.A_IMAGING;
import static org.custodia.ledger.contracts.ConsentScenario.A_LAB;
import static org.custodia.ledger.contracts.ConsentScenario.A_OTHER_PATIENT;
import static org.custodia.ledger.contracts.ConsentScenario.BASIS_CUSTODIAN;
import static org.custodia.ledger.contracts.ConsentScenario.BASIS_GRANT;
import static org.custodia.ledger.contracts.ConsentScenario.B_LAB;
import static org.custodia.ledger.contracts.ConsentScenario.LAB;
import static org.custodia.ledger.contracts.ConsentScenario.OTHER_PATIENT;
import static org.custodia.ledger.contracts.ConsentScenario.PATIENT;
import static org.custodia.ledger.contracts.ConsentScenario.SCOPE_ALL;
import static org.custodia.ledger.contracts.ConsentScenario.SCOPE_CATEGORY;
import static org.custodia.ledger.contracts.ConsentScenario.SCOPE_RECORD;
import static org.custodia.ledger.contracts.ConsentScenario.TREATMENT;
import static org.custodia.ledger.contracts.Ids.ZERO;
import static org.custodia.ledger.contracts.Ids.category;
import static org.custodia.ledger.contracts.Ids.id;
import static org.custodia.ledger.testing.TestAccount.customError;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.time.Duration;
import java.util.List;
import org.custodia.ledger.contracts.generated.ConsentRegistry;
import org.custodia.ledger.contracts.generated.ConsentRegistry.Grant;
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

class ConsentGrantTest {

    private static final Duration DAY = Duration.ofDays(1);

    @RegisterExtension
    static final ConsentScenario chain = new ConsentScenario();

    @Test
    void aCustodianAlwaysReadsItsOwnRecordsAndNobodyElseWithoutConsent() throws Exception {
        assertTrue(chain.hasAccess(A_LAB, chain.a));
        assertEquals(new Tuple2<>(BASIS_CUSTODIAN, BigInteger.ZERO),
                chain.stranger.consent().checkAccess(A_LAB, chain.a.address()).send());
        assertFalse(chain.hasAccess(A_LAB, chain.b));
        assertFalse(chain.hasAccess(A_LAB, chain.stranger));
        chain.stranger.consentViewRefuses(customError("NoAccess", new Bytes32(A_LAB), new Address(chain.b.address())),
                c -> c.checkAccess(A_LAB, chain.b.address()));
        chain.stranger.consentViewRefuses(customError("NotMember", new Address(chain.stranger.address())),
                c -> c.checkAccess(A_LAB, chain.stranger.address()));
        chain.stranger.consentViewRefuses(customError("UnknownRecord", new Bytes32(id("missing"))),
                c -> c.hasAccess(id("missing"), chain.b.address()));
    }

    @Test
    void aRecordGrantCoversThatRecordOnly() throws Exception {
        BigInteger expiry = chain.inFuture(DAY);
        TransactionReceipt receipt = chain.a.consent()
                .grant(PATIENT, chain.b.address(), SCOPE_RECORD, A_LAB, LAB, TREATMENT, expiry).send();

        assertTrue(chain.hasAccess(A_LAB, chain.b));
        assertFalse(chain.hasAccess(A_IMAGING, chain.b));
        assertFalse(chain.hasAccess(A_LAB, chain.c));
        assertEquals(new Tuple2<>(BASIS_GRANT, BigInteger.ONE),
                chain.stranger.consent().checkAccess(A_LAB, chain.b.address()).send());

        ConsentRegistry.ConsentGrantedEventResponse event = ConsentRegistry.getConsentGrantedEvents(receipt).get(0);
        assertEquals(BigInteger.ONE, event.grantId);
        assertArrayEquals(PATIENT, event.patientPseudonym);
        assertEquals(chain.b.address(), event.grantee);
        assertEquals(chain.a.address(), event.custodian);
        assertEquals(SCOPE_RECORD, event.scope);
        assertArrayEquals(A_LAB, event.recordId);
        assertArrayEquals(ZERO, event.category, "the category does not belong to a record grant");
        assertEquals(TREATMENT, event.purpose);
        assertEquals(expiry, event.expiresAt);
        assertEquals(BigInteger.ZERO, event.requestId);

        Grant grant = chain.stranger.consent().getGrant(BigInteger.ONE).send();
        assertArrayEquals(PATIENT, grant.patientPseudonym);
        assertEquals(chain.a.address(), grant.custodian);
        assertEquals(chain.b.address(), grant.grantee);
        assertEquals(SCOPE_RECORD, grant.scope);
        assertArrayEquals(A_LAB, grant.recordId);
        assertEquals(TREATMENT, grant.purpose);
        assertEquals(expiry, grant.expiresAt);
        assertEquals(BigInteger.ZERO, grant.revokedAt);
        assertTrue(grant.grantedAt.signum() > 0);
        assertEquals(BigInteger.ONE, chain.stranger.consent().grantCount().send());
        assertEquals(List.of(BigInteger.ONE), chain.stranger.consent().grantsOfPatient(PATIENT).send());
    }

    @Test
    void aCategoryGrantCoversTheCustodiansRecordsOfThatCategory() throws Exception {
        chain.a.consent().grant(PATIENT, chain.c.address(), SCOPE_CATEGORY, A_IMAGING, LAB, TREATMENT,
                chain.inFuture(DAY)).send();

        assertTrue(chain.hasAccess(A_LAB, chain.c));
        assertFalse(chain.hasAccess(A_IMAGING, chain.c));
        assertFalse(chain.hasAccess(B_LAB, chain.c), "B's records are not A's to grant");
        assertFalse(chain.hasAccess(A_OTHER_PATIENT, chain.c));
        Grant grant = chain.stranger.consent().getGrant(BigInteger.ONE).send();
        assertArrayEquals(ZERO, grant.recordId, "the record id does not belong to a category grant");
        assertArrayEquals(LAB, grant.category);
    }

    @Test
    void anAllGrantCoversEveryRecordOfThePatientAtThatCustodian() throws Exception {
        chain.a.consent().grant(PATIENT, chain.c.address(), SCOPE_ALL, ZERO, ZERO, TREATMENT, chain.inFuture(DAY))
                .send();

        assertTrue(chain.hasAccess(A_LAB, chain.c));
        assertTrue(chain.hasAccess(A_IMAGING, chain.c));
        assertFalse(chain.hasAccess(B_LAB, chain.c));
        assertFalse(chain.hasAccess(A_OTHER_PATIENT, chain.c));
    }

    @Test
    void grantRefusesCallersWhoAreNotTheCustodian() throws Exception {
        BigInteger expiry = chain.inFuture(DAY);
        chain.stranger.consentRefuses(customError("NotMember", new Address(chain.stranger.address())),
                c -> c.grant(PATIENT, chain.b.address(), SCOPE_ALL, ZERO, ZERO, TREATMENT, expiry));
        chain.proxy.consentRefuses(customError("NotHospital", new Address(chain.proxy.address())),
                c -> c.grant(PATIENT, chain.b.address(), SCOPE_ALL, ZERO, ZERO, TREATMENT, expiry));
        chain.b.consentRefuses(customError("NotCustodian", new Bytes32(A_LAB), new Address(chain.b.address())),
                c -> c.grant(PATIENT, chain.c.address(), SCOPE_RECORD, A_LAB, ZERO, TREATMENT, expiry));
        chain.c.consentRefuses(customError("NotCustodian", new Bytes32(PATIENT), new Address(chain.c.address())),
                c -> c.grant(PATIENT, chain.b.address(), SCOPE_ALL, ZERO, ZERO, TREATMENT, expiry));
        chain.c.consentRefuses(customError("NotCustodian", new Bytes32(PATIENT), new Address(chain.c.address())),
                c -> c.grant(PATIENT, chain.b.address(), SCOPE_CATEGORY, ZERO, LAB, TREATMENT, expiry));

        assertEquals(BigInteger.ZERO, chain.stranger.consent().grantCount().send());
        assertFalse(chain.hasAccess(A_LAB, chain.c));
    }

    @Test
    void grantRefusesInvalidGrants() throws Exception {
        BigInteger expiry = chain.inFuture(DAY);
        String b = chain.b.address();
        chain.a.consentRefuses(customError("PatientMismatch", new Bytes32(A_LAB), new Bytes32(OTHER_PATIENT)),
                c -> c.grant(OTHER_PATIENT, b, SCOPE_RECORD, A_LAB, ZERO, TREATMENT, expiry));
        chain.a.consentRefuses(customError("UnknownRecord", new Bytes32(id("missing"))),
                c -> c.grant(PATIENT, b, SCOPE_RECORD, id("missing"), ZERO, TREATMENT, expiry));
        chain.a.consentRefuses(customError("MissingField", new Utf8String("recordId")),
                c -> c.grant(PATIENT, b, SCOPE_RECORD, ZERO, LAB, TREATMENT, expiry));
        chain.a.consentRefuses(customError("MissingField", new Utf8String("category")),
                c -> c.grant(PATIENT, b, SCOPE_CATEGORY, A_LAB, ZERO, TREATMENT, expiry));
        chain.a.consentRefuses(customError("InvalidCategory", new Bytes32(category("hiv-test"))),
                c -> c.grant(PATIENT, b, SCOPE_CATEGORY, ZERO, category("hiv-test"), TREATMENT, expiry));
        chain.a.consentRefuses(customError("MissingField", new Utf8String("patientPseudonym")),
                c -> c.grant(ZERO, b, SCOPE_ALL, ZERO, ZERO, TREATMENT, expiry));
        chain.a.consentRefuses(customError("InvalidScope", new Uint8(3)),
                c -> c.grant(PATIENT, b, BigInteger.valueOf(3), ZERO, ZERO, TREATMENT, expiry));
        chain.a.consentRefuses(customError("NotMember", new Address(chain.stranger.address())),
                c -> c.grant(PATIENT, chain.stranger.address(), SCOPE_ALL, ZERO, ZERO, TREATMENT, expiry));
        chain.a.consentRefuses(customError("NotHospital", new Address(chain.proxy.address())),
                c -> c.grant(PATIENT, chain.proxy.address(), SCOPE_ALL, ZERO, ZERO, TREATMENT, expiry));
        chain.a.consentRefuses(customError("MissingField", new Utf8String("purpose")),
                c -> c.grant(PATIENT, b, SCOPE_ALL, ZERO, ZERO, "", expiry));
        chain.a.consentRefuses(customError("FieldTooLong", new Utf8String("purpose"), new Uint256(128)),
                c -> c.grant(PATIENT, b, SCOPE_ALL, ZERO, ZERO, "p".repeat(129), expiry));
        BigInteger past = chain.now();
        chain.a.consentRefuses(customError("InvalidExpiry", new Uint64(past)),
                c -> c.grant(PATIENT, b, SCOPE_ALL, ZERO, ZERO, TREATMENT, past));

        assertEquals(BigInteger.ZERO, chain.stranger.consent().grantCount().send());
        assertTrue(chain.stranger.consent().grantsOfPatient(PATIENT).send().isEmpty());
    }

    @Test
    void anExpiredGrantNoLongerGivesAccess() throws Exception {
        BigInteger expiry = chain.inFuture(Duration.ofHours(1));
        chain.a.consent().grant(PATIENT, chain.b.address(), SCOPE_ALL, ZERO, ZERO, TREATMENT, expiry).send();
        assertTrue(chain.hasAccess(A_LAB, chain.b));

        chain.advance(Duration.ofHours(2));

        assertFalse(chain.hasAccess(A_LAB, chain.b));
        chain.stranger.consentViewRefuses(customError("GrantExpired", new Uint256(1), new Uint64(expiry)),
                c -> c.checkAccess(A_LAB, chain.b.address()));
        chain.a.consentRefuses(customError("GrantExpired", new Uint256(1), new Uint64(expiry)),
                c -> c.revoke(BigInteger.ONE));
    }

    @Test
    void revokeEndsAccessAndIsAnnounced() throws Exception {
        chain.a.consent().grant(PATIENT, chain.b.address(), SCOPE_ALL, ZERO, ZERO, TREATMENT, chain.inFuture(DAY))
                .send();

        TransactionReceipt receipt = chain.a.consent().revoke(BigInteger.ONE).send();

        assertFalse(chain.hasAccess(A_LAB, chain.b));
        assertTrue(chain.stranger.consent().getGrant(BigInteger.ONE).send().revokedAt.signum() > 0);
        chain.stranger.consentViewRefuses(customError("GrantRevoked", new Uint256(1)),
                c -> c.checkAccess(A_LAB, chain.b.address()));
        ConsentRegistry.ConsentRevokedEventResponse event = ConsentRegistry.getConsentRevokedEvents(receipt).get(0);
        assertEquals(BigInteger.ONE, event.grantId);
        assertArrayEquals(PATIENT, event.patientPseudonym);
        assertEquals(chain.b.address(), event.grantee);
        assertEquals(chain.a.address(), event.custodian);
    }

    @Test
    void revokeRefusals() throws Exception {
        chain.a.consent().grant(PATIENT, chain.b.address(), SCOPE_ALL, ZERO, ZERO, TREATMENT, chain.inFuture(DAY))
                .send();

        chain.b.consentRefuses(customError("NotGranter", new Uint256(1), new Address(chain.b.address())),
                c -> c.revoke(BigInteger.ONE));
        chain.a.consentRefuses(customError("UnknownGrant", new Uint256(7)), c -> c.revoke(BigInteger.valueOf(7)));
        assertTrue(chain.hasAccess(A_LAB, chain.b));

        chain.a.consent().revoke(BigInteger.ONE).send();
        chain.a.consentRefuses(customError("GrantRevoked", new Uint256(1)), c -> c.revoke(BigInteger.ONE));
        chain.stranger.consentViewRefuses(customError("UnknownGrant", new Uint256(7)),
                c -> c.getGrant(BigInteger.valueOf(7)));
    }

    @Test
    void aValidGrantOutweighsARevokedOne() throws Exception {
        chain.a.consent().grant(PATIENT, chain.b.address(), SCOPE_ALL, ZERO, ZERO, TREATMENT, chain.inFuture(DAY))
                .send();
        chain.a.consent().grant(PATIENT, chain.b.address(), SCOPE_RECORD, A_LAB, ZERO, TREATMENT,
                chain.inFuture(DAY)).send();
        chain.a.consent().revoke(BigInteger.ONE).send();

        assertEquals(new Tuple2<>(BASIS_GRANT, BigInteger.TWO),
                chain.stranger.consent().checkAccess(A_LAB, chain.b.address()).send());
        chain.stranger.consentViewRefuses(customError("GrantRevoked", new Uint256(1)),
                c -> c.checkAccess(A_IMAGING, chain.b.address()));
    }

    @Test
    void aRemovedMemberLosesAccessAtOnce() throws Exception {
        chain.a.consent().grant(PATIENT, chain.b.address(), SCOPE_ALL, ZERO, ZERO, TREATMENT, chain.inFuture(DAY))
                .send();

        chain.admin.consortium().removeMember(chain.b.address()).send();

        assertFalse(chain.hasAccess(A_LAB, chain.b));
        assertFalse(chain.hasAccess(B_LAB, chain.b), "not even to the records it anchored");
        chain.stranger.consentViewRefuses(customError("NotMember", new Address(chain.b.address())),
                c -> c.checkAccess(A_LAB, chain.b.address()));
    }
}
