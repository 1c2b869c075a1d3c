package org.custodia.proxy;

import static org.custodia.proxy.ReKeyStoreTest.HOSPITAL_A;
import static org.custodia.proxy.ReKeyStoreTest.HOSPITAL_B;
import static org.custodia.proxy.ReKeyStoreTest.HOSPITAL_C;
import static org.custodia.proxy.ReKeyStoreTest.caller;
import static org.custodia.proxy.ReKeyStoreTest.settings;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

import org.custodia.audit.AuditOutcome;
import org.custodia.audit.AuditRecord;
import org.custodia.audit.AuditedAction;
import org.custodia.consortium.NotOnThisNodeException;
import org.custodia.crypto.InvalidKeyMaterialException;
import org.custodia.crypto.PreKeyPair;
import org.custodia.kernel.DependencyUnavailableException;
import org.custodia.kernel.Failure;
import org.custodia.kernel.NodeRole;
import org.custodia.kernel.SharingException;
import org.custodia.ledger.api.AccessBasis;
import org.custodia.ledger.api.AnchoredRecord;
import org.custodia.ledger.api.Bytes32;
import org.custodia.ledger.api.Category;
import org.custodia.ledger.api.ContractRefusalException;
import org.custodia.ledger.api.GrantRevokedException;
import org.custodia.ledger.api.Issued;
import org.custodia.ledger.api.LedgerAddress;
import org.custodia.ledger.api.LedgerException;
import org.custodia.ledger.api.LedgerUnavailableException;
import org.custodia.ledger.api.Member;
import org.custodia.ledger.api.MemberRole;
import org.custodia.ledger.api.NotAuthorizedException;
import org.custodia.ledger.api.RecordAnchor;
import org.custodia.ledger.api.TransactionResult;
import org.custodia.nodeapi.ForwardedCall;
import org.custodia.nodeapi.NodeCallHeaders;
import org.custodia.testing.Beans;
import org.custodia.testing.FakeChain;
import org.custodia.testing.FakeNodeApiClient;
import org.custodia.testing.RecordingAuditTrail;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Flow 7 at the proxy: the order of its steps (the access is logged on chain before any byte is written, and a
 * refused log writes nothing), the re-key it picks, and its refusals. The re-keys are real rows on a migrated H2
 * database; the chain is a {@link FakeChain} and the custodian a {@link FakeNodeApiClient}, because the ledger
 * connector and a custodian node need a container. All calls land in one event list, in order.
 */
class ReEncryptionServiceTest {

    private static final byte[] RECORD = "Hemoglobin 14.1 g/dL; leukocytes 6.2 G/L".getBytes(StandardCharsets.UTF_8);
    private static final String ACCESS_LOG = "0x" + "7a".repeat(32);
    private static final String FIRST_BYTE = "first byte written";

    @TempDir
    static Path directory;

    private final List<String> events = new CopyOnWriteArrayList<>();
    private final RecordingAuditTrail audit = new RecordingAuditTrail();
    private final ProxyCounters counters = new ProxyCounters();
    /** One migrated database for the class (a schema migration per test would take most of its time). */
    private static ProxyDatabase database;
    private FakeChain chain;
    private FakeNodeApiClient custodian;
    private PreKeyPair patient;
    private PreKeyPair hospitalB;
    private byte[] recordId;
    private String recordHex;

    @BeforeAll
    static void openDatabase() throws Exception {
        database = new ProxyDatabase(directory);
    }

    @AfterAll
    static void closeDatabase() {
        database.close();
    }

    @BeforeEach
    void setUp() throws Exception {
        database.clear();
        patient = database.suite().kem().generateKeyPair();
        hospitalB = database.suite().kem().generateKeyPair();
        recordId = new byte[32];
        new SecureRandom().nextBytes(recordId);
        recordHex = HexFormat.of().formatHex(recordId);
        ByteArrayOutputStream envelope = new ByteArrayOutputStream();
        database.suite().envelopes().encrypt(recordId, patient.publicKey(), new ByteArrayInputStream(RECORD),
                envelope);
        custodian = new FakeNodeApiClient(events).answering(200, envelope.toByteArray());
        chain = new FakeChain(events)
                .answering("checkAccess", arguments -> new AccessBasis(AccessBasis.Kind.GRANT, 7))
                .answering("findRecord", arguments -> Optional.of(new AnchoredRecord(RecordAnchor.original(
                        Bytes32.of(recordId), Bytes32.fromHex("ab".repeat(32)), Bytes32.fromHex("cd".repeat(32)),
                        new Category("laboratory"), "application/pdf"),
                        LedgerAddress.fromHex(HOSPITAL_A), Instant.now())))
                .answering("findMember", arguments -> Optional.of(new Member((LedgerAddress) arguments[0],
                        MemberRole.HOSPITAL, "Hospital A", URI.create("https://a.example.org/custodia"), new byte[0],
                        Instant.now())))
                .answering("logAccess", arguments -> new Issued(3, new TransactionResult(Bytes32.fromHex(ACCESS_LOG),
                        10, Bytes32.fromHex("0x" + "01".repeat(32)))));
    }

    @Test
    void theAccessIsLoggedBeforeAnyByteIsWrittenAndOnlyTheGranteeCanOpenTheResult() throws Exception {
        holdReKey(HOSPITAL_A);

        ReEncryption reEncryption = reEncryptForB(service());
        assertEquals(List.of("checkAccess", "findRecord", "findMember",
                "GET https://a.example.org/custodia/node-api/v1/records/" + recordHex + "/envelope?accessor="
                        + HOSPITAL_B, "logAccess"), events, "the steps of flow 7 in order, nothing written yet");
        assertEquals(asked().asFields(), custodian.lastUnsignedFields(),
                "the accessor's own call shown to the custodian");
        assertEquals(ACCESS_LOG, reEncryption.accessLogTransaction());
        assertEquals(AuditOutcome.SUCCEEDED, audit.only().outcome(),
                "audited once logged on chain, before a byte is sent: a proxy stopped while it streams keeps it");

        ByteArrayOutputStream received = new ByteArrayOutputStream();
        try (reEncryption) {
            reEncryption.writeTo(new FirstByteEvent(received));
        }
        assertEquals(FIRST_BYTE, events.get(events.size() - 1));
        assertEquals(events.indexOf("logAccess") + 1, events.indexOf(FIRST_BYTE));
        assertFalse(custodian.bodyLeftOpen(), "the custodian's stream is closed");

        ByteArrayOutputStream plaintext = new ByteArrayOutputStream();
        byte[] opened = database.suite().envelopes().decrypt(hospitalB.privateKey(),
                new ByteArrayInputStream(received.toByteArray()), plaintext);
        assertArrayEquals(recordId, opened);
        assertArrayEquals(RECORD, plaintext.toByteArray());

        assertEquals(1, counters.reEncryptionsServed());
        assertEquals(AuditOutcome.SUCCEEDED, audit.only().outcome());
        assertEquals(AuditedAction.PROXY_RE_ENCRYPTION.code(), audit.only().action());
        assertEquals(HOSPITAL_B, audit.only().actor());
        assertEquals(recordHex, audit.only().subject());
        assertTrue(audit.only().detail().contains(ACCESS_LOG), audit.only().detail());
    }

    @Test
    void aStreamThatBreaksOffIsAuditedAsFailedAfterTheAccessItLogged() throws Exception {
        holdReKey(HOSPITAL_A);
        ReEncryption reEncryption = reEncryptForB(service());

        try (reEncryption) {
            assertThrows(IOException.class, () -> reEncryption.writeTo(new OutputStream() {
                @Override
                public void write(int b) throws IOException {
                    throw new IOException("the hospital went away");
                }
            }));
        }

        List<AuditRecord> entries = audit.entries();
        assertEquals(List.of(AuditOutcome.SUCCEEDED, AuditOutcome.FAILED),
                entries.stream().map(AuditRecord::outcome).toList(), entries.toString());
        assertTrue(entries.get(1).detail().contains("broke off") && entries.get(1).detail().contains(ACCESS_LOG),
                entries.get(1).detail());
        assertEquals(0, counters.reEncryptionsServed());
    }

    @Test
    void aRefusedAccessLogWritesNothing() {
        holdReKey(HOSPITAL_A);
        chain.answering("logAccess", arguments -> {
            throw new GrantRevokedException("GrantRevoked", "GrantRevoked(7)");
        });

        SharingException refused = assertThrows(SharingException.class,
                () -> reEncryptForB(service()));
        assertEquals(Failure.GRANT_REVOKED, refused.failure());
        assertFalse(events.contains(FIRST_BYTE));
        assertFalse(custodian.bodyLeftOpen(), "the custodian's stream is closed");
        assertEquals(Map.of(Failure.GRANT_REVOKED, 1L), counters.refusalsByReason());
        assertEquals(0, counters.reEncryptionsServed());
        assertEquals(AuditOutcome.REFUSED, audit.only().outcome());
        assertEquals(List.of(), audit.intents(), "the refusal's entry replaced the access log's intent");
    }

    /**
     * A proxy that stops while its access log's transaction is on its way leaves the intent, which its next start
     * writes as an entry naming the accessor ({@code AuditIntentTest}); here, the intent is there before the
     * transaction is sent and the entry replaces it once it is mined.
     */
    @Test
    void theAccessLogsIntentIsWrittenBeforeItsTransactionAndReplacedByItsEntry() throws Exception {
        holdReKey(HOSPITAL_A);
        List<String> intentsWhenSent = new CopyOnWriteArrayList<>();
        chain.answering("logAccess", arguments -> {
            intentsWhenSent.addAll(audit.intents());
            return new Issued(3, new TransactionResult(Bytes32.fromHex(ACCESS_LOG), 10,
                    Bytes32.fromHex("0x" + "01".repeat(32))));
        });

        reEncryptForB(service()).writeTo(OutputStream.nullOutputStream());

        assertEquals(List.of(AuditedAction.PROXY_RE_ENCRYPTION.code() + " " + recordHex + ": access log on chain, "
                + "then re-encryption of the envelope from custodian " + HOSPITAL_A), intentsWhenSent);
        assertEquals(List.of(), audit.intents());
        assertEquals(AuditOutcome.SUCCEEDED, audit.only().outcome());
        assertEquals(HOSPITAL_B, audit.only().actor());
    }

    /**
     * A re-encryption whose response ended before its body was written (a filter failed, the response was dropped):
     * closed at the request's end, it closes the custodian's stream and is audited and counted as broken off after
     * the access it logged. Before, nothing recorded that the logged access served nothing.
     */
    @Test
    void aReEncryptionClosedUnwrittenIsAuditedAsBrokenOffAfterItsAccessLog() {
        holdReKey(HOSPITAL_A);

        reEncryptForB(service()).close();

        assertFalse(custodian.bodyLeftOpen(), "the custodian's stream is closed");
        assertEquals(List.of(AuditOutcome.SUCCEEDED, AuditOutcome.FAILED), audit.entries().stream()
                .map(AuditRecord::outcome).toList());
        assertTrue(audit.entries().get(1).detail().startsWith("never streamed"), audit.entries().get(1).detail());
        assertEquals(1, counters.reEncryptionsBrokenOff());
        assertEquals(0, counters.reEncryptionsServed());
    }

    @Test
    void anAccessLogTheChainNodeDidNotConfirmIsAuditedWithOutcomeUnknown() {
        holdReKey(HOSPITAL_A);
        chain.answering("logAccess", arguments -> {
            throw new LedgerUnavailableException("no receipt within 60 s", Bytes32.fromHex(ACCESS_LOG), null);
        });

        DependencyUnavailableException failed = assertThrows(DependencyUnavailableException.class,
                () -> reEncryptForB(service()));

        assertTrue(failed.getMessage().contains("may still be mined") && failed.getMessage().contains(ACCESS_LOG),
                failed.getMessage());
        assertFalse(events.contains(FIRST_BYTE));
        assertFalse(custodian.bodyLeftOpen(), "the custodian's stream is closed");
        assertEquals(List.of(), audit.intents());
        AuditRecord entry = audit.only();
        assertEquals(AuditOutcome.UNKNOWN, entry.outcome(), "the access may still be logged: not failed");
        assertEquals(HOSPITAL_B, entry.actor());
        assertTrue(entry.detail().startsWith("access log on chain, then re-encryption") && entry.detail().contains(
                "no receipt within 60 s"), entry.detail());
        assertEquals(0, counters.reEncryptionsServed());
    }

    @Test
    void aChainNodeThatCannotBeAskedLeavesTheAccessLogFailed() {
        holdReKey(HOSPITAL_A);
        chain.answering("logAccess", arguments -> {
            throw new LedgerUnavailableException("connection refused", null);
        });

        assertThrows(DependencyUnavailableException.class,
                () -> reEncryptForB(service()));

        assertEquals(List.of(), audit.intents());
        assertEquals(AuditOutcome.FAILED, audit.only().outcome(), "nothing was sent: the access is not logged");
    }

    @Test
    void aProxyTheRegistryDoesNotKnowAsOneHasItsAttemptAuditedAsFailed() {
        holdReKey(HOSPITAL_A);
        chain.answering("logAccess", arguments -> {
            throw new ContractRefusalException("NotProxy", "NotProxy(0x...)");
        });

        DependencyUnavailableException failed = assertThrows(DependencyUnavailableException.class,
                () -> reEncryptForB(service()));

        assertTrue(failed.getMessage().contains("not registered as a proxy"), failed.getMessage());
        assertEquals(List.of(), audit.intents());
        assertEquals(AuditOutcome.FAILED, audit.only().outcome());
    }

    /**
     * Once the access is on chain the attempt has succeeded: an entry the database refuses then is written again as
     * succeeded when the attempt ends, with what failed; refused again, the intent stays for the next start.
     */
    @Test
    void anAccessLoggedOnChainIsAuditedAsSucceededThoughItsFirstEntryFails() {
        holdReKey(HOSPITAL_A);
        audit.refuseEntriesInPlaceOfIntents(1);

        assertThrows(IllegalStateException.class, () -> reEncryptForB(service()));

        assertFalse(events.contains(FIRST_BYTE));
        assertFalse(custodian.bodyLeftOpen(), "the custodian's stream is closed");
        assertEquals(List.of(), audit.intents());
        AuditRecord entry = audit.only();
        assertEquals(AuditOutcome.SUCCEEDED, entry.outcome(), "the access is logged on chain");
        assertTrue(entry.detail().startsWith("access logged in " + ACCESS_LOG) && entry.detail().contains(
                "; afterwards: failed: IllegalStateException"), entry.detail());
        assertEquals(1, counters.reEncryptionsBrokenOff(), "counted on the proxy page as broken off after its log");
        assertEquals(Map.of(), counters.refusalsByReason());
    }

    @Test
    void anAccessWhoseEntryCannotBeWrittenLeavesItsIntentForTheNextStart() {
        holdReKey(HOSPITAL_A);
        audit.refuseEntriesInPlaceOfIntents(2);

        assertThrows(IllegalStateException.class, () -> reEncryptForB(service()));

        assertEquals(List.of(), audit.entries());
        assertEquals(1, audit.intents().size(), "the next start writes it, outcome unknown: " + audit.intents());
    }

    /** A failure after the access log's transaction may have been mined: neither failed nor refused. */
    @Test
    void anAccessLogWhoseAnswerCannotBeReadIsAuditedWithOutcomeUnknown() {
        holdReKey(HOSPITAL_A);
        chain.answering("logAccess", arguments -> {
            throw new LedgerException("the chain answered 0 of 1 items sent in one transaction");
        });

        assertThrows(DependencyUnavailableException.class,
                () -> reEncryptForB(service()));

        assertEquals(List.of(), audit.intents());
        assertEquals(AuditOutcome.UNKNOWN, audit.only().outcome(), audit.only().detail());
        assertTrue(audit.only().detail().contains("0 of 1 items"), audit.only().detail());
    }

    @Test
    void anErrorWhileTheAccessIsLoggedEndsTheAttemptWithOutcomeUnknownAndClosesTheStream() {
        holdReKey(HOSPITAL_A);
        chain.answering("logAccess", arguments -> {
            throw new StackOverflowError("deep in the connector");
        });

        assertThrows(StackOverflowError.class, () -> reEncryptForB(service()));

        assertFalse(custodian.bodyLeftOpen(), "the custodian's stream is closed");
        assertEquals(List.of(), audit.intents());
        assertEquals(AuditOutcome.UNKNOWN, audit.only().outcome(), audit.only().detail());
    }

    @Test
    void withoutItsIntentWrittenTheAccessIsNotLogged() {
        holdReKey(HOSPITAL_A);
        audit.refuseIntents();

        assertThrows(IllegalStateException.class, () -> reEncryptForB(service()));

        assertFalse(events.contains("logAccess"), "no access log without its intent written first");
        assertFalse(custodian.bodyLeftOpen(), "the custodian's stream is closed");
        assertEquals(AuditOutcome.FAILED, audit.only().outcome());
        assertEquals(HOSPITAL_B, audit.only().actor());
    }

    @Test
    void onlyTheRecordsCustodiansReKeyIsUsed() {
        holdReKey(HOSPITAL_C);

        SharingException refused = assertThrows(SharingException.class,
                () -> reEncryptForB(service()));
        assertEquals(Failure.NO_RE_KEY, refused.failure());
        assertFalse(events.contains("logAccess"), "nothing logged without a re-key");
        assertFalse(custodian.bodyLeftOpen(), "the custodian's stream is closed");
        assertEquals(Map.of(Failure.NO_RE_KEY, 1L), counters.refusalsByReason());
    }

    @Test
    void withoutAccessOnChainTheCustodianIsNotAsked() {
        holdReKey(HOSPITAL_A);
        chain.answering("checkAccess", arguments -> {
            throw new NotAuthorizedException("NoAccess", "NoAccess(record, accessor)");
        });

        SharingException refused = assertThrows(SharingException.class,
                () -> reEncryptForB(service()));
        assertEquals(Failure.NO_GRANT, refused.failure());
        assertEquals(List.of("checkAccess"), events);
        assertEquals(AuditOutcome.REFUSED, audit.only().outcome());
    }

    /**
     * The contract lets a custodian read its own records, but it reads them at its own node: through the proxy it
     * would only make the proxy call an endpoint the custodian chooses (one that answers and then stays silent).
     */
    @Test
    void theCustodianAskingForItsOwnRecordIsRefusedWithoutCallingIt() {
        holdReKey(HOSPITAL_A);

        SharingException refused = assertThrows(SharingException.class,
                () -> service().reEncrypt(caller(HOSPITAL_A), recordHex, asked(), System.nanoTime()));
        assertEquals(Failure.NO_GRANT, refused.failure());
        assertEquals(List.of("checkAccess", "findRecord"), events);
        assertEquals(AuditOutcome.REFUSED, audit.only().outcome());
    }

    @Test
    void anUnreachableCustodianIsTypedAndNothingIsLogged() {
        holdReKey(HOSPITAL_A);
        custodian.unreachable();

        SharingException failed = assertThrows(SharingException.class,
                () -> reEncryptForB(service()));
        assertEquals(Failure.CUSTODIAN_UNREACHABLE, failed.failure());
        assertFalse(events.contains("logAccess"));
        assertEquals(AuditOutcome.FAILED, audit.only().outcome());
    }

    /**
     * A call under way longer than the requesting hospital can wait for this proxy's answer (two thirds of it, the rest
     * left for the access log), mostly waiting for the custodian's envelope: refused before the access is logged, the
     * envelope's stream closed. Before, the access was logged for a hospital that had given up, and its next proxy
     * logged another. Counted from the call's arrival, which the service is told: before, from when the service
     * began, after the call's signature, membership and nonce were checked (which may take long under load).
     */
    @Test
    void aCallUnderWayTooLongForTheCallerIsRefusedBeforeTheAccessIsLogged() {
        holdReKey(HOSPITAL_A);
        ReEncryptionService service = service();
        LongSupplier nanoTime = () -> TimeUnit.SECONDS.toNanos(41);
        Beans.inject(service, ReEncryptionService.class, "nanoTime", nanoTime);

        SharingException failed = assertThrows(SharingException.class,
                () -> service.reEncrypt(caller(HOSPITAL_B), recordHex, asked(), 0));

        assertEquals(Failure.CUSTODIAN_UNREACHABLE, failed.failure());
        assertTrue(failed.getMessage().contains("the call has been under way 41 s"), failed.getMessage());
        assertFalse(events.contains("logAccess"), "nothing logged");
        assertFalse(custodian.bodyLeftOpen(), "the custodian's stream is closed");
        assertEquals(AuditOutcome.FAILED, audit.only().outcome());
    }

    /**
     * An access log mined after the requesting hospital's wait for the answer is over: the hospital has given up, so
     * nothing is streamed; audited as broken off after its access log, the custodian's stream closed. Before, the
     * envelope was re-encrypted into a connection no one read, and a small one counted as served.
     */
    @Test
    void anAccessLogMinedAfterTheCallersWaitIsNotStreamed() {
        holdReKey(HOSPITAL_A);
        ReEncryptionService service = service();
        AtomicInteger reads = new AtomicInteger();
        LongSupplier nanoTime = () -> reads.getAndIncrement() == 0 ? TimeUnit.SECONDS.toNanos(30)
                : TimeUnit.SECONDS.toNanos(61);
        Beans.inject(service, ReEncryptionService.class, "nanoTime", nanoTime);

        DependencyUnavailableException failed = assertThrows(DependencyUnavailableException.class,
                () -> service.reEncrypt(caller(HOSPITAL_B), recordHex, asked(), 0));

        assertEquals(Failure.UNAVAILABLE, failed.failure());
        assertTrue(events.contains("logAccess"), "the access was logged");
        assertFalse(custodian.bodyLeftOpen(), "the custodian's stream is closed");
        assertEquals(List.of(AuditOutcome.SUCCEEDED, AuditOutcome.FAILED), audit.entries().stream()
                .map(AuditRecord::outcome).toList());
        assertTrue(audit.entries().get(1).detail().startsWith("not streamed: the access log was mined 61 s after the "
                + "call arrived") && audit.entries().get(1).detail().contains(ACCESS_LOG),
                audit.entries().get(1).detail());
        assertEquals(1, counters.reEncryptionsBrokenOff());
        assertEquals(0, counters.reEncryptionsServed());
    }

    @Test
    void theCustodiansOwnRefusalIsPassedOn() {
        holdReKey(HOSPITAL_A);
        custodian.answering(403, ("{\"type\":\"urn:custodia:problem:grant-expired\",\"title\":\"Grant expired\","
                + "\"status\":403}").getBytes(StandardCharsets.UTF_8));

        SharingException refused = assertThrows(SharingException.class,
                () -> reEncryptForB(service()));
        assertEquals(Failure.GRANT_EXPIRED, refused.failure());
        assertFalse(events.contains("logAccess"));
        assertFalse(custodian.bodyLeftOpen());
    }

    @Test
    void anEnvelopeOfAnotherRecordIsRefusedBeforeTheAccessIsLogged() throws Exception {
        holdReKey(HOSPITAL_A);
        ByteArrayOutputStream other = new ByteArrayOutputStream();
        database.suite().envelopes().encrypt(new byte[32], patient.publicKey(), new ByteArrayInputStream(RECORD),
                other);
        custodian.answering(200, other.toByteArray());

        SharingException refused = assertThrows(SharingException.class,
                () -> reEncryptForB(service()));
        assertEquals(Failure.INTEGRITY_FAILURE, refused.failure());
        assertFalse(events.contains("logAccess"));
        assertFalse(custodian.bodyLeftOpen());
    }

    @Test
    void aHospitalNodeDoesNotReEncrypt() {
        ReEncryptionService service = service();
        Beans.inject(service, ReEncryptionService.class, "settings", settings(NodeRole.HOSPITAL));
        assertThrows(NotOnThisNodeException.class, () -> reEncryptForB(service));
        assertTrue(events.isEmpty());
    }

    /** The re-key from the patient's key to hospital B's, as delivered by {@code custodian}. */
    private void holdReKey(String custodianAddress) {
        try {
            database.reKeys().put(ProxyReKeyId.parse(custodianAddress, patient.publicKey().fingerprint().toString(),
                    HOSPITAL_B), 1, database.suite().kem().reEncryptionKey(patient.privateKey(), hospitalB.publicKey()),
                    custodianAddress, "the re-key the test holds");
        } catch (InvalidKeyMaterialException e) {
            throw new AssertionError(e);
        }
    }

    /** Hospital B's call to this proxy, as the resource hands it over to be forwarded. */
    private ForwardedCall asked() {
        return new ForwardedCall("https://proxy.example.org/custodia/node-api/v1/records/" + recordHex
                + "/re-encryption", new NodeCallHeaders("sha-256=:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=:",
                "sig=(\"@method\" \"@target-uri\" \"content-digest\");created=1;keyid=\"" + HOSPITAL_B
                        + "\";nonce=\"n\"", "sig=:AAAA:"));
    }

    /** Hospital B's call for the record, arrived now. */
    private ReEncryption reEncryptForB(ReEncryptionService service) {
        return service.reEncrypt(caller(HOSPITAL_B), recordHex, asked(), System.nanoTime());
    }

    private ReEncryptionService service() {
        ReEncryptionService service = new ReEncryptionService();
        Beans.inject(service, ReEncryptionService.class, "ledger", chain);
        Beans.inject(service, ReEncryptionService.class, "reKeys", database.reKeys());
        Beans.inject(service, ReEncryptionService.class, "audit", audit);
        Beans.inject(service, ReEncryptionService.class, "nodes", custodian);
        Beans.inject(service, ReEncryptionService.class, "settings", settings(NodeRole.PROXY));
        Beans.inject(service, ReEncryptionService.class, "suite", database.suite());
        Beans.inject(service, ReEncryptionService.class, "counters", counters);
        return service;
    }

    /** Adds {@link #FIRST_BYTE} to the events when the first byte reaches it. */
    private final class FirstByteEvent extends OutputStream {

        private final OutputStream out;
        private boolean written;

        FirstByteEvent(OutputStream out) {
            this.out = out;
        }

        @Override
        public void write(int b) throws IOException {
            first();
            out.write(b);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            if (length > 0) {
                first();
            }
            out.write(bytes, offset, length);
        }

        private void first() {
            if (!written) {
                written = true;
                events.add(FIRST_BYTE);
            }
        }
    }
}
