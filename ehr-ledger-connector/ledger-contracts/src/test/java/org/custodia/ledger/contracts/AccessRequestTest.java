package org.custodia.ledger.contracts;

import static org.custodia.ledger.contracts.ConsentScenario.A_IMAGING;
import static org.custodia.ledger.contracts.ConsentScenario.A_LAB;
import static org.custodia.ledger.contracts.ConsentScenario.BASIS_GRANT;
import static org.custodia.ledger.contracts.ConsentScenario.B_LAB;
import static org.custodia.ledger.contracts.ConsentScenario.LAB;
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
import org.custodia.ledger.contracts.generated.ConsentRegistry.AccessRequest;
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

class AccessRequestTest {

    private static final BigInteger PENDING = BigInteger.ONE;
    private static final BigInteger APPROVED = BigInteger.TWO;
    private static final BigInteger DENIED = BigInteger.valueOf(3);
    private static final BigInteger FIRST = BigInteger.ONE;

    @RegisterExtension
    static final ConsentScenario chain = new ConsentScenario();

    @Test
    void aRequestIsPendingAndAnnouncedToTheCustodian() throws Exception {
        TransactionReceipt receipt = chain.c.consent()
                .requestAccess(PATIENT, chain.a.address(), SCOPE_CATEGORY, A_LAB, LAB, TREATMENT).send();

        AccessRequest request = chain.stranger.consent().getRequest(FIRST).send();
        assertArrayEquals(PATIENT, request.patientPseudonym);
        assertEquals(chain.c.address(), request.requester);
        assertEquals(chain.a.address(), request.custodian);
        assertEquals(SCOPE_CATEGORY, request.scope);
        assertArrayEquals(ZERO, request.recordId);
        assertArrayEquals(LAB, request.category);
        assertEquals(TREATMENT, request.purpose);
        assertEquals(PENDING, request.status);
        assertEquals(BigInteger.ZERO, request.grantId);
        assertEquals(List.of(FIRST), chain.stranger.consent().requestsOfPatient(PATIENT).send());
        assertEquals(FIRST, chain.stranger.consent().requestCount().send());
        assertFalse(chain.hasAccess(A_LAB, chain.c), "a request alone gives no access");

        ConsentRegistry.AccessRequestedEventResponse event =
                ConsentRegistry.getAccessRequestedEvents(receipt).get(0);
        assertEquals(FIRST, event.requestId);
        assertArrayEquals(PATIENT, event.patientPseudonym);
        assertEquals(chain.a.address(), event.custodian);
        assertEquals(chain.c.address(), event.requester);
        assertEquals(SCOPE_CATEGORY, event.scope);
        assertArrayEquals(ZERO, event.recordId);
        assertArrayEquals(LAB, event.category);
        assertEquals(TREATMENT, event.purpose);
    }

    @Test
    void approvalIssuesTheRequestedGrant() throws Exception {
        chain.c.consent().requestAccess(PATIENT, chain.a.address(), SCOPE_RECORD, A_LAB, ZERO, TREATMENT).send();
        BigInteger expiry = chain.inFuture(Duration.ofDays(7));

        TransactionReceipt receipt = chain.a.consent().approveRequest(FIRST, expiry).send();

        assertTrue(chain.hasAccess(A_LAB, chain.c));
        assertFalse(chain.hasAccess(A_IMAGING, chain.c));
        assertEquals(new Tuple2<>(BASIS_GRANT, BigInteger.ONE),
                chain.stranger.consent().checkAccess(A_LAB, chain.c.address()).send());
        AccessRequest request = chain.stranger.consent().getRequest(FIRST).send();
        assertEquals(APPROVED, request.status);
        assertEquals(BigInteger.ONE, request.grantId);
        Grant grant = chain.stranger.consent().getGrant(BigInteger.ONE).send();
        assertEquals(chain.a.address(), grant.custodian);
        assertEquals(chain.c.address(), grant.grantee);
        assertEquals(SCOPE_RECORD, grant.scope);
        assertArrayEquals(A_LAB, grant.recordId);
        assertEquals(TREATMENT, grant.purpose);
        assertEquals(expiry, grant.expiresAt);
        assertEquals(FIRST, grant.requestId);

        ConsentRegistry.AccessRequestApprovedEventResponse approved =
                ConsentRegistry.getAccessRequestApprovedEvents(receipt).get(0);
        assertEquals(FIRST, approved.requestId);
        assertEquals(BigInteger.ONE, approved.grantId);
        assertEquals(chain.c.address(), approved.requester);
        assertEquals(FIRST, ConsentRegistry.getConsentGrantedEvents(receipt).get(0).requestId);
    }

    @Test
    void denialLeavesNoAccess() throws Exception {
        chain.c.consent().requestAccess(PATIENT, chain.a.address(), SCOPE_ALL, ZERO, ZERO, TREATMENT).send();

        TransactionReceipt receipt = chain.a.consent().denyRequest(FIRST).send();

        assertEquals(DENIED, chain.stranger.consent().getRequest(FIRST).send().status);
        assertFalse(chain.hasAccess(A_LAB, chain.c));
        assertEquals(BigInteger.ZERO, chain.stranger.consent().grantCount().send());
        ConsentRegistry.AccessRequestDeniedEventResponse event =
                ConsentRegistry.getAccessRequestDeniedEvents(receipt).get(0);
        assertEquals(FIRST, event.requestId);
        assertEquals(chain.c.address(), event.requester);
        assertEquals(chain.a.address(), event.custodian);
    }

    @Test
    void requestAccessRefusals() throws Exception {
        String a = chain.a.address();
        chain.stranger.consentRefuses(customError("NotMember", new Address(chain.stranger.address())),
                c -> c.requestAccess(PATIENT, a, SCOPE_ALL, ZERO, ZERO, TREATMENT));
        chain.proxy.consentRefuses(customError("NotHospital", new Address(chain.proxy.address())),
                c -> c.requestAccess(PATIENT, a, SCOPE_ALL, ZERO, ZERO, TREATMENT));
        chain.c.consentRefuses(customError("NotCustodian", new Bytes32(PATIENT), new Address(chain.stranger.address())),
                c -> c.requestAccess(PATIENT, chain.stranger.address(), SCOPE_ALL, ZERO, ZERO, TREATMENT));
        chain.c.consentRefuses(customError("NotCustodian", new Bytes32(B_LAB), new Address(a)),
                c -> c.requestAccess(PATIENT, a, SCOPE_RECORD, B_LAB, ZERO, TREATMENT));
        chain.c.consentRefuses(customError("UnknownRecord", new Bytes32(id("missing"))),
                c -> c.requestAccess(PATIENT, a, SCOPE_RECORD, id("missing"), ZERO, TREATMENT));
        chain.c.consentRefuses(customError("InvalidScope", new Uint8(9)),
                c -> c.requestAccess(PATIENT, a, BigInteger.valueOf(9), ZERO, ZERO, TREATMENT));
        chain.c.consentRefuses(customError("MissingField", new Utf8String("purpose")),
                c -> c.requestAccess(PATIENT, a, SCOPE_ALL, ZERO, ZERO, ""));
        chain.c.consentRefuses(customError("InvalidCategory", new Bytes32(category("hiv-test"))),
                c -> c.requestAccess(PATIENT, a, SCOPE_CATEGORY, ZERO, category("hiv-test"), TREATMENT));

        assertEquals(BigInteger.ZERO, chain.stranger.consent().requestCount().send());
        chain.stranger.consentViewRefuses(customError("UnknownRequest", new Uint256(1)),
                c -> c.getRequest(FIRST));
    }

    @Test
    void onlyTheAddressedCustodianAnswersAPendingRequestOnce() throws Exception {
        chain.c.consent().requestAccess(PATIENT, chain.a.address(), SCOPE_ALL, ZERO, ZERO, TREATMENT).send();
        BigInteger expiry = chain.inFuture(Duration.ofDays(1));

        chain.b.consentRefuses(customError("NotRequestCustodian", new Uint256(1), new Address(chain.b.address())),
                c -> c.approveRequest(FIRST, expiry));
        chain.b.consentRefuses(customError("NotRequestCustodian", new Uint256(1), new Address(chain.b.address())),
                c -> c.denyRequest(FIRST));
        chain.stranger.consentRefuses(customError("NotMember", new Address(chain.stranger.address())),
                c -> c.approveRequest(FIRST, expiry));
        chain.a.consentRefuses(customError("UnknownRequest", new Uint256(5)),
                c -> c.approveRequest(BigInteger.valueOf(5), expiry));
        BigInteger past = chain.now();
        chain.a.consentRefuses(customError("InvalidExpiry", new Uint64(past)), c -> c.approveRequest(FIRST, past));
        assertEquals(PENDING, chain.stranger.consent().getRequest(FIRST).send().status);

        chain.a.consent().approveRequest(FIRST, expiry).send();
        chain.a.consentRefuses(customError("RequestNotPending", new Uint256(1), new Uint8(2)),
                c -> c.approveRequest(FIRST, expiry));
        chain.a.consentRefuses(customError("RequestNotPending", new Uint256(1), new Uint8(2)),
                c -> c.denyRequest(FIRST));
        assertEquals(BigInteger.ONE, chain.stranger.consent().grantCount().send());
    }

    @Test
    void aDeniedRequestCannotBeApprovedLater() throws Exception {
        chain.c.consent().requestAccess(PATIENT, chain.a.address(), SCOPE_ALL, ZERO, ZERO, TREATMENT).send();
        chain.a.consent().denyRequest(FIRST).send();

        chain.a.consentRefuses(customError("RequestNotPending", new Uint256(1), new Uint8(3)),
                c -> c.approveRequest(FIRST, chain.inFuture(Duration.ofDays(1))));
        assertFalse(chain.hasAccess(A_LAB, chain.c));
    }
}
