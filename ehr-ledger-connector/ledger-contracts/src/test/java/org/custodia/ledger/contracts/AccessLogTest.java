package org.custodia.ledger.contracts;

import static org.custodia.ledger.contracts.ConsentScenario.A_IMAGING;
import static org.custodia.ledger.contracts.ConsentScenario.A_LAB;
import static org.custodia.ledger.contracts.ConsentScenario.BASIS_CUSTODIAN;
import static org.custodia.ledger.contracts.ConsentScenario.BASIS_GRANT;
import static org.custodia.ledger.contracts.ConsentScenario.PATIENT;
import static org.custodia.ledger.contracts.ConsentScenario.SCOPE_ALL;
import static org.custodia.ledger.contracts.ConsentScenario.SCOPE_RECORD;
import static org.custodia.ledger.contracts.ConsentScenario.TREATMENT;
import static org.custodia.ledger.contracts.Ids.ZERO;
import static org.custodia.ledger.contracts.Ids.id;
import static org.custodia.ledger.testing.TestAccount.customError;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.custodia.ledger.contracts.generated.ConsentRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Utf8String;
import org.web3j.abi.datatypes.generated.Bytes32;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.abi.datatypes.generated.Uint64;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

class AccessLogTest {

    @RegisterExtension
    static final ConsentScenario chain = new ConsentScenario();

    @Test
    void aProxyLogsAnAllowedAccessWithItsBasis() throws Exception {
        chain.a.consent().grant(PATIENT, chain.b.address(), SCOPE_RECORD, A_LAB, ZERO, TREATMENT,
                chain.inFuture(Duration.ofDays(1))).send();

        TransactionReceipt first = chain.proxy.consent().logAccess(A_LAB, chain.b.address()).send();
        TransactionReceipt second = chain.proxy.consent().logAccess(A_IMAGING, chain.a.address()).send();

        ConsentRegistry.AccessLoggedEventResponse byGrant = ConsentRegistry.getAccessLoggedEvents(first).get(0);
        assertEquals(BigInteger.ONE, byGrant.logId);
        assertArrayEquals(A_LAB, byGrant.recordId);
        assertEquals(chain.b.address(), byGrant.accessor);
        assertEquals(chain.proxy.address(), byGrant.proxy);
        assertArrayEquals(PATIENT, byGrant.patientPseudonym);
        assertEquals(BASIS_GRANT, byGrant.basis);
        assertEquals(BigInteger.ONE, byGrant.basisId);
        ConsentRegistry.AccessLoggedEventResponse byCustodian = ConsentRegistry.getAccessLoggedEvents(second).get(0);
        assertEquals(BigInteger.TWO, byCustodian.logId);
        assertEquals(BASIS_CUSTODIAN, byCustodian.basis);
        assertEquals(BigInteger.TWO, chain.stranger.consent().accessLogCount().send());
    }

    @Test
    void aBatchLogsEachAccessAsLogAccessDoesInOneTransaction() throws Exception {
        chain.a.consent().grant(PATIENT, chain.b.address(), SCOPE_RECORD, A_LAB, ZERO, TREATMENT,
                chain.inFuture(Duration.ofDays(1))).send();

        TransactionReceipt receipt = chain.proxy.consent().logAccessBatch(List.of(
                new ConsentRegistry.AccessToLog(A_LAB, chain.b.address()),
                new ConsentRegistry.AccessToLog(A_IMAGING, chain.a.address()))).send();

        List<ConsentRegistry.AccessLoggedEventResponse> logged = ConsentRegistry.getAccessLoggedEvents(receipt);
        assertEquals(2, logged.size());
        assertEquals(BigInteger.ONE, logged.get(0).logId);
        assertArrayEquals(A_LAB, logged.get(0).recordId);
        assertEquals(chain.b.address(), logged.get(0).accessor);
        assertEquals(BASIS_GRANT, logged.get(0).basis);
        assertEquals(BigInteger.TWO, logged.get(1).logId);
        assertArrayEquals(A_IMAGING, logged.get(1).recordId);
        assertEquals(BASIS_CUSTODIAN, logged.get(1).basis);
        assertEquals(BigInteger.TWO, chain.stranger.consent().accessLogCount().send());
    }

    @Test
    void aBatchWithOneRefusedAccessLogsNothing() throws Exception {
        chain.proxy.consentRefuses(customError("NoAccess", new Bytes32(A_LAB), new Address(chain.c.address())),
                c -> c.logAccessBatch(List.of(new ConsentRegistry.AccessToLog(A_IMAGING, chain.a.address()),
                        new ConsentRegistry.AccessToLog(A_LAB, chain.c.address()))));
        chain.proxy.consentRefuses(customError("MissingField", new Utf8String("batch")),
                c -> c.logAccessBatch(List.of()));
        List<ConsentRegistry.AccessToLog> tooMany = new ArrayList<>();
        for (int i = 0; i <= 32; i++) {
            tooMany.add(new ConsentRegistry.AccessToLog(A_IMAGING, chain.a.address()));
        }
        chain.proxy.consentRefuses(customError("BatchTooLarge", new Uint256(33), new Uint256(32)),
                c -> c.logAccessBatch(tooMany));
        chain.b.consentRefuses(customError("NotProxy", new Address(chain.b.address())),
                c -> c.logAccessBatch(tooMany.subList(0, 1)));

        assertEquals(BigInteger.ZERO, chain.stranger.consent().accessLogCount().send());
    }

    @Test
    void onlyProxiesLog() throws Exception {
        chain.b.consentRefuses(customError("NotProxy", new Address(chain.b.address())),
                c -> c.logAccess(A_LAB, chain.a.address()));
        chain.stranger.consentRefuses(customError("NotMember", new Address(chain.stranger.address())),
                c -> c.logAccess(A_LAB, chain.a.address()));
        assertEquals(BigInteger.ZERO, chain.stranger.consent().accessLogCount().send());
    }

    @Test
    void aProxyCannotLogAnAccessThatIsNotAllowed() throws Exception {
        chain.proxy.consentRefuses(customError("NoAccess", new Bytes32(A_LAB), new Address(chain.c.address())),
                c -> c.logAccess(A_LAB, chain.c.address()));
        chain.proxy.consentRefuses(customError("NotMember", new Address(chain.stranger.address())),
                c -> c.logAccess(A_LAB, chain.stranger.address()));
        chain.proxy.consentRefuses(customError("UnknownRecord", new Bytes32(id("missing"))),
                c -> c.logAccess(id("missing"), chain.a.address()));

        chain.a.consent().grant(PATIENT, chain.b.address(), SCOPE_ALL, ZERO, ZERO, TREATMENT,
                chain.inFuture(Duration.ofDays(1))).send();
        chain.a.consent().revoke(BigInteger.ONE).send();
        chain.proxy.consentRefuses(customError("GrantRevoked", new Uint256(1)),
                c -> c.logAccess(A_LAB, chain.b.address()));

        assertEquals(BigInteger.ZERO, chain.stranger.consent().accessLogCount().send());
    }

    @Test
    void aProxyCannotLogAnAccessUnderAnExpiredGrant() throws Exception {
        BigInteger expiry = chain.inFuture(Duration.ofHours(1));
        chain.a.consent().grant(PATIENT, chain.b.address(), SCOPE_ALL, ZERO, ZERO, TREATMENT, expiry).send();
        chain.advance(Duration.ofHours(1));

        chain.proxy.consentRefuses(customError("GrantExpired", new Uint256(1), new Uint64(expiry)),
                c -> c.logAccess(A_LAB, chain.b.address()));
        assertEquals(BigInteger.ZERO, chain.stranger.consent().accessLogCount().send());
    }
}
