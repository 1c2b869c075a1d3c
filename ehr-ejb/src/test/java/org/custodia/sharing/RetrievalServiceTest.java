package org.custodia.sharing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import org.custodia.access.Actor;
import org.custodia.access.AuditedCallRunner;
import org.custodia.audit.AuditOutcome;
import org.custodia.audit.AuditRecord;
import org.custodia.audit.AuditedAction;
import org.custodia.filestore.NodeFileStore;
import org.custodia.kernel.DependencyUnavailableException;
import org.custodia.kernel.Failure;
import org.custodia.kernel.NodeSettings;
import org.custodia.kernel.SharingException;
import org.custodia.kernel.StaffRole;
import org.custodia.keys.WrappedKeyPair;
import org.custodia.ledger.api.AccessBasis;
import org.custodia.ledger.api.AccessScope;
import org.custodia.ledger.api.AnchoredRecord;
import org.custodia.ledger.api.Bytes32;
import org.custodia.ledger.api.Category;
import org.custodia.ledger.api.ChainStatus;
import org.custodia.ledger.api.EventPosition;
import org.custodia.ledger.api.Grant;
import org.custodia.ledger.api.LedgerAddress;
import org.custodia.ledger.api.LedgerEvent;
import org.custodia.ledger.api.LedgerUnavailableException;
import org.custodia.ledger.api.Member;
import org.custodia.ledger.api.MemberRole;
import org.custodia.ledger.api.NotAuthorizedException;
import org.custodia.ledger.api.RecordAnchor;
import org.custodia.nodeapi.NodeApiBase;
import org.custodia.patients.PatientCustody;
import org.custodia.patients.PatientRegistry;
import org.custodia.patients.Pseudonym;
import org.custodia.records.ReceivedRecord;
import org.custodia.records.RecordDetails;
import org.custodia.records.RecordId;
import org.custodia.records.RecordIntegrityException;
import org.custodia.records.RecordMetadata;
import org.custodia.records.RecordService;
import org.custodia.records.StorageBusyException;
import org.custodia.records.StorageFullException;
import org.custodia.testing.Beans;
import org.custodia.testing.FakeChain;
import org.custodia.testing.FakeNodeApiClient;
import org.custodia.testing.RecordingAuditTrail;
import org.custodia.testing.TestThreads;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A retrieval this hospital could not keep, or one beyond the retrievals it runs at once, asks no proxy: a proxy logs
 * the access on chain for good; the access a proxy logged is audited before the record is kept, and must follow the
 * chain's head when it is the retrieval's turn; the title of a record received is the custodian's when it tells one
 * for that record, else generic; a proxy without a re-key once the grant ended by this node's clock means the grant
 * expired. The chain is a fake connection that allows the access, other nodes a node-API client that notes every
 * call and answers as told (no other node runs here), the file store a real one.
 */
class RetrievalServiceTest {

    private static final LedgerAddress THIS_HOSPITAL = LedgerAddress.fromHex("0x" + "b2".repeat(20));
    private static final LedgerAddress CUSTODIAN = LedgerAddress.fromHex("0x" + "a1".repeat(20));
    private static final LedgerAddress PROXY = LedgerAddress.fromHex("0x" + "c3".repeat(20));
    private static final Bytes32 RECORD = Bytes32.fromHex("0x" + "5e".repeat(32));
    private static final Bytes32 PSEUDONYM = Bytes32.fromHex("0x" + "d4".repeat(32));
    private static final Bytes32 LOG_TRANSACTION = Bytes32.fromHex("0x" + "7a".repeat(32));
    private static final LedgerAddress OTHER_PROXY = LedgerAddress.fromHex("0x" + "c4".repeat(20));
    private static final String NO_GRANT = "{\"type\":\"urn:custodia:problem:no-grant\",\"title\":\"No grant\","
            + "\"status\":403,\"detail\":\"nothing on chain lets the accessor read the record\"}";

    @TempDir
    Path directory;

    private final RecordingAuditTrail audit = new RecordingAuditTrail();
    /** The calls to other nodes, answered as the test sets. */
    private final List<String> calls = new ArrayList<>();
    private final FakeNodeApiClient otherNodes = new FakeNodeApiClient(calls);
    /** The audit entries there were each time a retrieval handed on a record to be kept (refused there). */
    private final List<List<AuditRecord>> entriesWhenKept = new ArrayList<>();
    /** What keeping a received envelope does; by default, finds that it does not open with this hospital's key. */
    private Keeping keeping = envelope -> {
        throw new RecordIntegrityException("the envelope does not open with this hospital's key");
    };

    private interface Keeping {
        RecordDetails keep(InputStream envelope) throws IOException;
    }

    /** What checking this hospital's own key does; by default, finds that it unwraps. */
    private Runnable ownKey = () -> { };

    /** The records a retrieval handed on to be kept. */
    private final List<ReceivedRecord> received = new ArrayList<>();
    private FakeChain chain;
    private final AtomicLong head = new AtomicLong(12);
    /** The file store's write slots, and the store the service was given. */
    private int writeSlots = 8;
    private NodeFileStore fileStore;

    @Test
    void aHospitalWhoseStoreCannotKeepTheRecordAsksNoProxy() {
        RetrievalService service = service(Long.MAX_VALUE / (1 << 20));

        StorageFullException refused = assertThrows(StorageFullException.class, () -> retrieveAsPhysician(service));

        assertTrue(refused.getMessage().contains("no proxy was asked"), refused.getMessage());
        assertEquals(List.of(), calls, "no access was logged on chain for a record this node could not keep");
        assertEquals(AuditOutcome.FAILED, audit.only().outcome());
    }

    /**
     * Every write slot taken (uploads in progress): a proxy asked would log the access on chain for good, and the
     * envelope it sent would then wait for a slot, 30 s, and be refused, nothing kept.
     */
    @Test
    void aHospitalWhoseStoreHasEveryWriteSlotTakenAsksNoProxy() throws Exception {
        writeSlots = 1;
        RetrievalService service = service(0);
        proxyServesWithItsAccessLoggedInBlock(13);
        CountDownLatch writing = new CountDownLatch(1);
        CountDownLatch finish = new CountDownLatch(1);
        CompletableFuture<?> upload = CompletableFuture.runAsync(() -> {
            try {
                fileStore.envelopes().store(envelope -> {
                    writing.countDown();
                    TestThreads.await(finish);
                    envelope.write(1);
                });
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        try {
            assertTrue(writing.await(30, TimeUnit.SECONDS));

            StorageBusyException refused = assertThrows(StorageBusyException.class,
                    () -> retrieveAsPhysician(service));

            assertTrue(refused.getMessage().contains("no proxy was asked"), refused.getMessage());
            assertTrue(calls.stream().noneMatch(call -> call.contains("/re-encryption")), "no proxy was asked: "
                    + calls);
        } finally {
            finish.countDown();
            upload.get(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void aHospitalWhoseOwnKeyDoesNotUnwrapAsksNoProxy() {
        RetrievalService service = service(0);
        proxyServesWithItsAccessLoggedInBlock(13);
        ownKey = () -> {
            throw new DependencyUnavailableException("this hospital's own key does not unwrap");
        };

        assertThrows(DependencyUnavailableException.class, () -> retrieveAsPhysician(service));

        assertTrue(calls.stream().noneMatch(call -> call.contains("/re-encryption")), "no proxy was asked: " + calls);
        assertEquals(List.of(), audit.intents());
    }

    @Test
    void aRetrievalBeyondTheNodesLimitIsRefusedAtOnceAndAsksNoProxy() {
        RetrievalService service = service(0);
        RetrievalSlots slots = new RetrievalSlots(1);
        Beans.inject(service, RetrievalService.class, "slots", slots);
        proxyServesWithItsAccessLoggedInBlock(13);

        RetrievalsBusyException refused = slots.inSlot(
                () -> assertThrows(RetrievalsBusyException.class, () -> retrieveAsPhysician(service)));

        assertEquals(RetrievalSlots.RETRY_AFTER, refused.retryAfter());
        assertTrue(refused.getMessage().contains("custodia.sharing.max-concurrent-retrievals"), refused.getMessage());
        assertEquals(List.of(), calls, "no proxy asked, no access logged");
        assertEquals(AuditOutcome.FAILED, audit.only().outcome());
        assertThrows(SharingException.class, () -> retrieveAsPhysician(service),
                "once the slot is free, the next retrieval runs (and fails here, where nothing keeps it)");
        assertEquals(1, calls.size(), calls.toString());
    }

    @Test
    void theTitleIsTheCustodiansWhenItTellsOneForThisRecord() {
        custodianAnswers(200, "{\"recordId\":\"" + hex() + "\",\"title\":\"Electrolytes\","
                + "\"createdAt\":\"2026-12-01T10:00:00Z\"}");

        Optional<RecordMetadata> metadata = service(0).custodianMetadata(custodian(), hex(), "laboratory",
                "text/plain");

        assertEquals(Optional.of(new RecordMetadata("laboratory", "Electrolytes", "text/plain")), metadata);
        assertEquals(List.of("GET https://a.example/custodia/node-api/v1/records/" + hex() + "/metadata"),
                calls);
    }

    @Test
    void theTitleStaysGenericWhenTheCustodianTellsNoneThisNodeAccepts() {
        for (String[] answer : new String[][] {
                {"404", "{\"type\":\"urn:custodia:problem:not-found\"}"},
                {"200", "{\"recordId\":\"" + "00".repeat(32) + "\",\"title\":\"Another record\"}"},
                {"200", "{\"recordId\":\"" + hex() + "\",\"title\":\"" + "x".repeat(201) + "\"}"},
                {"200", "{\"recordId\":\"" + hex() + "\",\"title\":17}"},
                {"200", "not json"}}) {
            custodianAnswers(Integer.parseInt(answer[0]), answer[1]);
            assertEquals(Optional.empty(), service(0).custodianMetadata(custodian(), hex(), "laboratory",
                    "text/plain"), answer[1]);
        }
        assertEquals(Optional.empty(), service(0).custodianMetadata(null, hex(), "laboratory", "text/plain"),
                "a custodian that is no member any more is not asked");
    }

    @Test
    void theAccessAProxyLoggedIsAuditedBeforeTheRecordIsKept() {
        RetrievalService service = service(0);
        proxyServesWithItsAccessLoggedInBlock(13);

        SharingException failed = assertThrows(SharingException.class, () -> retrieveAsPhysician(service));

        assertEquals(Failure.INTEGRITY_FAILURE, failed.failure());
        assertEquals(1, entriesWhenKept.size(), "the record was handed on to be kept once");
        AuditRecord logged = entriesWhenKept.get(0).get(0);
        assertEquals(List.of(AuditedAction.SHARED_RECORD_ACCESS_LOGGED.code(), "d.ross", hex(),
                AuditOutcome.SUCCEEDED), List.of(logged.action(), logged.actor(), logged.subject(), logged.outcome()));
        assertTrue(logged.detail().contains("proxy Proxy logged the access in " + LOG_TRANSACTION), logged.detail());
        assertEquals(List.of(logged.action(), AuditedAction.SHARED_RECORD_RETRIEVE.code()),
                audit.entries().stream().map(AuditRecord::action).toList());
        assertEquals(AuditOutcome.FAILED, audit.entries().get(1).outcome());
        assertEquals(List.of(), audit.intents(), "the access's intent replaced by its entry");
    }

    /** A node that stops while a proxy logs the access leaves the intent its next start audits as unknown. */
    @Test
    void theAccessIsAnnouncedBeforeAnyProxyIsAsked() {
        RetrievalService service = service(0);
        proxyServesWithItsAccessLoggedInBlock(13);
        audit.refuseIntents();

        assertThrows(IllegalStateException.class, () -> retrieveAsPhysician(service));

        assertTrue(calls.stream().noneMatch(call -> call.contains("/re-encryption")), "no proxy was asked: " + calls);
        assertEquals(List.of(), entriesWhenKept);
    }

    /** The chain decides the basis when it logs the access; it may differ from what it said a moment before. */
    @Test
    void theRecordIsKeptWithTheBasisTheChainLoggedTheAccessOn() {
        RetrievalService service = service(0);
        proxyServesWithItsAccessLoggedInBlock(13, new AccessBasis(AccessBasis.Kind.EMERGENCY, 3));

        assertThrows(SharingException.class, () -> retrieveAsPhysician(service));

        assertEquals(List.of("emergency 3"), received.stream()
                .map(record -> record.basis() + " " + record.basisId()).toList());
        AuditRecord logged = entriesWhenKept.get(0).get(0);
        assertTrue(logged.detail().endsWith("basis emergency 3"), logged.detail());
    }

    @Test
    void aProxysAnswerThatBreaksOffIsTheProxysFailure() {
        RetrievalService service = service(0);
        proxyServesWithItsAccessLoggedInBlock(13);
        otherNodes.breakingOff();
        keeping = envelope -> {
            envelope.readAllBytes();
            throw new AssertionError("the answer broke off, yet was read whole");
        };

        SharingException failed = assertThrows(SharingException.class, () -> retrieveAsPhysician(service));

        assertEquals(Failure.PROXY_UNREACHABLE, failed.failure());
        assertTrue(failed.getMessage().contains("broke off"), failed.getMessage());
    }

    /** Not the proxy's failure: staff are not sent to try another proxy for what this node's store cannot do. */
    @Test
    void aFileStoreThatCannotKeepTheRecordIsThisNodesUnavailability() {
        RetrievalService service = service(0);
        proxyServesWithItsAccessLoggedInBlock(13);
        keeping = envelope -> {
            envelope.readAllBytes();
            throw new IOException("No space left on device");
        };

        DependencyUnavailableException failed = assertThrows(DependencyUnavailableException.class,
                () -> retrieveAsPhysician(service));

        assertTrue(failed.getMessage().contains("file store could not keep record"), failed.getMessage());
        assertTrue(failed.getMessage().contains("logged on chain in " + LOG_TRANSACTION), failed.getMessage());
        assertTrue(failed.forStaff().orElseThrow().endsWith("nothing was kept, though the access is logged on the"
                + " chain"), failed.forStaff().toString());
        assertFalse(failed.forStaff().get().contains("No space left"), "the file system's words are for operators");
    }

    /**
     * The store full or not writable once the proxy served (it was not when the retrieval began): the same answer,
     * naming the access log. Before, a full store answered 507 without saying that the access is logged.
     */
    @Test
    void aFileStoreFullOrNotWritableOnceServedSaysTheAccessIsLogged() {
        RetrievalService service = service(0);
        proxyServesWithItsAccessLoggedInBlock(13);
        keeping = envelope -> {
            envelope.readAllBytes();
            throw new StorageFullException("the file store under /data cannot be written (read-only)", null);
        };

        DependencyUnavailableException failed = assertThrows(DependencyUnavailableException.class,
                () -> retrieveAsPhysician(service));

        assertTrue(failed.getMessage().contains("logged on chain in " + LOG_TRANSACTION), failed.getMessage());
        assertTrue(failed.forStaff().orElseThrow().endsWith("nothing was kept, though the access is logged on the"
                + " chain"), failed.forStaff().toString());
    }

    /** One proxy's refusal while this node's chain allows the access blocks no retrieval: the next proxy serves. */
    @Test
    void aProxysConsentRefusalThisChainNodeDoesNotShareMovesOnToTheNextProxy() {
        RetrievalService service = service(0);
        chain.answering("members", arguments -> List.of(
                new Member(OTHER_PROXY, MemberRole.PROXY, "Lagging proxy",
                        URI.create("https://lagging.example/custodia"), new byte[0], Instant.EPOCH),
                new Member(PROXY, MemberRole.PROXY, "Proxy", URI.create("https://proxy.example/custodia"), new byte[0],
                        Instant.EPOCH)));
        proxyServesWithItsAccessLoggedInBlock(13);
        otherNodes.answeringAt("lagging.example", 403, NO_GRANT);

        assertThrows(SharingException.class, () -> retrieveAsPhysician(service));

        assertEquals(1, entriesWhenKept.size(), "the second proxy served: " + calls);
        assertTrue(entriesWhenKept.get(0).get(0).detail().contains("proxy Proxy logged the access"));
    }

    /**
     * A proxy that serves naming an access log this hospital's chain node does not show as its own (here another
     * proxy's) is passed over for the next: as the first to answer, a faulty proxy stopped every retrieval. Whether it
     * logged the access, the chain tells: the entry names it.
     */
    @Test
    void aProxyServingWithoutAConfirmedAccessLogIsPassedOverForTheNext() {
        RetrievalService service = service(0);
        chain.answering("members", arguments -> List.of(
                new Member(OTHER_PROXY, MemberRole.PROXY, "Faulty proxy", URI.create("https://faulty.example/custodia"),
                        new byte[0], Instant.EPOCH),
                new Member(PROXY, MemberRole.PROXY, "Proxy", URI.create("https://proxy.example/custodia"), new byte[0],
                        Instant.EPOCH)));
        proxyServesWithItsAccessLoggedInBlock(13);
        otherNodes.answeringAt("faulty.example", 200, "not the record");

        assertThrows(SharingException.class, () -> retrieveAsPhysician(service));

        assertEquals(1, entriesWhenKept.size(), "the second proxy served: " + calls);
        String detail = entriesWhenKept.get(0).get(0).detail();
        assertTrue(detail.startsWith("proxy Proxy logged the access in " + LOG_TRANSACTION), detail);
        assertTrue(detail.contains("may also have been logged by Faulty proxy (which named " + LOG_TRANSACTION), detail);
    }

    @Test
    void aProxysConsentRefusalThisChainNodeSharesIsFinal() {
        RetrievalService service = service(0);
        AtomicInteger checks = new AtomicInteger();
        chain.answering("checkAccess", arguments -> {
            if (checks.incrementAndGet() > 1) {
                throw new NotAuthorizedException("NoGrant", "revoked meanwhile");
            }
            return new AccessBasis(AccessBasis.Kind.GRANT, 7);
        });
        chain.answering("members", arguments -> List.of(
                new Member(OTHER_PROXY, MemberRole.PROXY, "First proxy", URI.create("https://first.example/custodia"),
                        new byte[0], Instant.EPOCH),
                new Member(PROXY, MemberRole.PROXY, "Proxy", URI.create("https://proxy.example/custodia"), new byte[0],
                        Instant.EPOCH)));
        proxyServesWithItsAccessLoggedInBlock(13);
        otherNodes.answeringAt("first.example", 403, NO_GRANT);

        SharingException refused = assertThrows(SharingException.class, () -> retrieveAsPhysician(service));

        assertEquals(Failure.NO_GRANT, refused.failure());
        assertTrue(calls.stream().noneMatch(call -> call.contains("proxy.example")), "no second proxy: " + calls);
        assertEquals(List.of(), entriesWhenKept);
    }

    /**
     * The only proxy refuses while this node's chain allows the access (the proxy's chain node a block behind): a
     * failure to retry, not a final refusal; before, staff read "no grant". When this node's chain cannot say, the
     * answer is that it cannot.
     */
    @Test
    void theOnlyProxysRefusalThisChainNodeDoesNotShareIsThatProxysFailure() {
        RetrievalService service = service(0);
        otherNodes.answering(403, NO_GRANT);

        SharingException lagging = assertThrows(SharingException.class, () -> retrieveAsPhysician(service));
        assertEquals(Failure.PROXY_UNREACHABLE, lagging.failure());

        AtomicInteger checks = new AtomicInteger();
        chain.answering("checkAccess", arguments -> {
            if (checks.incrementAndGet() > 1) {
                throw new LedgerUnavailableException("chain node did not answer", null);
            }
            return new AccessBasis(AccessBasis.Kind.GRANT, 7);
        });
        calls.clear();
        DependencyUnavailableException unknown = assertThrows(DependencyUnavailableException.class,
                () -> retrieveAsPhysician(service));
        String forStaff = unknown.forStaff().orElseThrow();
        assertTrue(forStaff.startsWith("the chain cannot say now whether this hospital may read record ")
                && forStaff.endsWith(": nothing was retrieved; try again later"), forStaff);
        assertTrue(calls.stream().anyMatch(call -> call.contains("proxy.example")), "asked once the proxy refused");
    }

    /** A proxy that logged the access and then fell silent: whether it logged it, the chain tells. */
    @Test
    void aProxyThatGaveNoAnswerOnceAskedMayHaveLoggedTheAccess() {
        RetrievalService service = service(0);
        otherNodes.silentAt("proxy.example");

        SharingException failed = assertThrows(SharingException.class, () -> retrieveAsPhysician(service));

        assertEquals(Failure.PROXY_UNREACHABLE, failed.failure());
        AuditRecord unknown = audit.entries().get(0);
        assertEquals(List.of(AuditedAction.SHARED_RECORD_ACCESS_LOGGED.code(), "d.ross", AuditOutcome.UNKNOWN),
                List.of(unknown.action(), unknown.actor(), unknown.outcome()));
        assertTrue(unknown.detail().startsWith("the access was not confirmed; it may have been logged by Proxy, whose "
                + "attempt ended without an answer"), unknown.detail());
        assertEquals(List.of(), audit.intents());
    }

    @Test
    void aProxyThatRefusedTheConnectionLoggedNothing() {
        RetrievalService service = service(0);
        otherNodes.unreachable();

        assertThrows(SharingException.class, () -> retrieveAsPhysician(service));

        assertEquals(List.of(AuditedAction.SHARED_RECORD_RETRIEVE.code()),
                audit.entries().stream().map(AuditRecord::action).toList());
        assertEquals(List.of(), audit.intents());
    }

    @Test
    void anAccessNoProxyLoggedLeavesNoIntentAndNoEntryOfItsOwn() {
        RetrievalService service = service(0);
        otherNodes.answering(403, NO_GRANT);

        assertThrows(SharingException.class, () -> retrieveAsPhysician(service));

        assertEquals(List.of(), audit.intents());
        assertEquals(List.of(AuditedAction.SHARED_RECORD_RETRIEVE.code()),
                audit.entries().stream().map(AuditRecord::action).toList(), "the retrieval's entry tells why");
    }

    @Test
    void anAccessLogMustFollowTheChainsHeadWhenItIsThisRetrievalsTurn() {
        RetrievalService service = service(0);
        // another retrieval of the record ran while this one waited, and the chain moved on to block 20
        Beans.inject(service, RetrievalService.class, "underWay", new RetrievalsUnderWay() {
            @Override
            public <T> T oneAtATime(String recordId, Duration patience, Supplier<T> retrieval) {
                head.set(20);
                return super.oneAtATime(recordId, patience, retrieval);
            }
        });
        proxyServesWithItsAccessLoggedInBlock(15);

        SharingException refused = assertThrows(SharingException.class, () -> retrieveAsPhysician(service));

        assertTrue(refused.getMessage().contains("before this retrieval began (after block 20)"),
                refused.getMessage());
        assertEquals(List.of(), entriesWhenKept, "nothing was handed on to be kept");
        AuditRecord unconfirmed = audit.entries().get(0);
        assertEquals(List.of(AuditedAction.SHARED_RECORD_ACCESS_LOGGED.code(), "d.ross", AuditOutcome.UNKNOWN),
                List.of(unconfirmed.action(), unconfirmed.actor(), unconfirmed.outcome()),
                "whether the access was logged, the chain tells");
        assertTrue(unconfirmed.detail().contains("Proxy (which named " + LOG_TRANSACTION + " as its access log)"),
                unconfirmed.detail());
        assertEquals(List.of(), audit.intents());
    }

    @Test
    void noReKeyAtTheProxyOnceTheGrantEndedByThisNodesClockIsRefusedAsExpired() {
        RetrievalService service = service(0);
        otherNodes.answering(409, "{\"type\":\"urn:custodia:problem:no-re-key\",\"title\":\"No re-encryption key "
                + "yet\",\"status\":409,\"detail\":\"custodian has not delivered a re-key\"}");
        // the chain's latest block predates the grant's end, so checkAccess still allows; the custodian, by its
        // clock, has withdrawn the re-key
        chain.answering("findGrant", arguments -> Optional.of(grant7(Instant.now().minusSeconds(3))));

        SharingException refused = assertThrows(SharingException.class, () -> retrieveAsPhysician(service));

        assertEquals(Failure.GRANT_EXPIRED, refused.failure(), refused.getMessage());
        assertTrue(refused.getMessage().contains("no proxy holds the re-key any more"), refused.getMessage());
        assertEquals(Failure.NO_RE_KEY, ((SharingException) refused.getCause()).failure(), "the proxies' answer");

        chain.answering("findGrant", arguments -> Optional.of(grant7(Instant.now().plusSeconds(3600),
                Optional.of(Instant.now().minusSeconds(1)))));
        assertEquals(Failure.GRANT_REVOKED, assertThrows(SharingException.class, () -> retrieveAsPhysician(service))
                .failure(), "revoked meanwhile");

        chain.answering("findGrant", arguments -> Optional.of(grant7(Instant.now().plusSeconds(3600))));
        assertEquals(Failure.NO_RE_KEY, assertThrows(SharingException.class, () -> retrieveAsPhysician(service))
                .failure(), "while the grant runs, the re-key has not arrived yet");
        chain.answering("findGrant", arguments -> {
            throw new IllegalStateException("an answer the connector cannot read");
        });
        assertEquals(Failure.NO_RE_KEY, assertThrows(SharingException.class, () -> retrieveAsPhysician(service))
                .failure(), "when the grant cannot be read, the proxies' answer stands");
        assertEquals(List.of(), entriesWhenKept, "nothing was handed on to be kept");
    }

    /** Grant 7, which allows this hospital on chain, ending at {@code expiresAt}. */
    private static Grant grant7(Instant expiresAt) {
        return grant7(expiresAt, Optional.empty());
    }

    private static Grant grant7(Instant expiresAt, Optional<Instant> revokedAt) {
        return new Grant(7, AccessScope.allRecords(PSEUDONYM), CUSTODIAN, THIS_HOSPITAL, "treatment",
                Instant.now().minusSeconds(60), expiresAt, revokedAt, OptionalLong.empty());
    }

    /** Every other node answers 200 naming {@link #LOG_TRANSACTION}, which logged this access in {@code block}. */
    private void proxyServesWithItsAccessLoggedInBlock(long block) {
        proxyServesWithItsAccessLoggedInBlock(block, new AccessBasis(AccessBasis.Kind.GRANT, 7));
    }

    private void proxyServesWithItsAccessLoggedInBlock(long block, AccessBasis basis) {
        otherNodes.answering(200, "a re-encrypted envelope").header(NodeApiBase.ACCESS_LOG_HEADER,
                LOG_TRANSACTION.toString());
        chain.answering("accessLogsIn", arguments -> List.of(new LedgerEvent.AccessLogged(new EventPosition(block, 0,
                Bytes32.fromHex("0x" + "b1".repeat(32)), LOG_TRANSACTION, PROXY), 1, RECORD, THIS_HOSPITAL, PROXY,
                PSEUDONYM, basis)));
    }

    private RecordDetails retrieveAsPhysician(RetrievalService service) throws Exception {
        return AuditedCallRunner.run(audit, new Actor("d.ross", Set.of(StaffRole.PHYSICIAN)),
                AuditedAction.SHARED_RECORD_RETRIEVE, RECORD.toString(),
                () -> service.retrieve(RecordId.given(RECORD.toString())));
    }

    private void custodianAnswers(int status, String body) {
        calls.clear();
        otherNodes.answering(status, body);
    }

    private static String hex() {
        return RECORD.toString().substring(2);
    }

    private static Member custodian() {
        return new Member(CUSTODIAN, MemberRole.HOSPITAL, "Hospital A", URI.create("https://a.example/custodia"),
                new byte[] {1}, Instant.EPOCH);
    }

    private RetrievalService service(long minimumFreeMb) {
        PatientCustody patient = new PatientCustody(UUID.randomUUID(), new Pseudonym("d4".repeat(32)),
                new WrappedKeyPair() {
                });
        NodeSettings settings = new NodeSettings("hospital", "Hospital B", directory.toString(),
                directory.resolve("filestore").toString(), "http://127.0.0.1:1", minimumFreeMb);
        chain = new FakeChain()
                .answering("account", arguments -> THIS_HOSPITAL)
                .answering("chainStatus", arguments -> new ChainStatus(31337, head.get(), Instant.EPOCH,
                        THIS_HOSPITAL, List.of()))
                .answering("findRecord", arguments -> Optional.of(new AnchoredRecord(new RecordAnchor(RECORD,
                        PSEUDONYM, Bytes32.fromHex("0x" + "e7".repeat(32)), new Category("laboratory"),
                        "text/plain", Optional.empty()), CUSTODIAN, Instant.EPOCH)))
                .answering("checkAccess", arguments -> new AccessBasis(AccessBasis.Kind.GRANT, 7))
                .answering("members", arguments -> List.of(new Member(PROXY, MemberRole.PROXY, "Proxy",
                        URI.create("https://proxy.example/custodia"), new byte[0], Instant.EPOCH)));
        RetrievalService service = new RetrievalService();
        Beans.inject(service, RetrievalService.class, "ledger", chain);
        Beans.inject(service, RetrievalService.class, "settings", settings);
        Beans.inject(service, RetrievalService.class, "underWay", new RetrievalsUnderWay());
        Beans.inject(service, RetrievalService.class, "slots", new RetrievalSlots(8));
        fileStore = new NodeFileStore(settings, writeSlots, 30, Duration.ofHours(24), 16, TestThreads.daemons());
        Beans.inject(service, RetrievalService.class, "fileStore", fileStore);
        Beans.inject(service, RetrievalService.class, "patients", new PatientRegistry() {
            @Override
            public Optional<PatientCustody> custodyOf(Pseudonym pseudonym) {
                return Optional.of(patient);
            }
        });
        Beans.inject(service, RetrievalService.class, "records", new RecordService() {
            @Override
            public Optional<RecordDetails> kept(String recordId) {
                return Optional.empty();
            }

            @Override
            public void requireOwnKeyUsable() {
                ownKey.run();
            }

            @Override
            public RecordDetails keepReceived(ReceivedRecord record, InputStream reEncrypted) throws IOException {
                entriesWhenKept.add(audit.entries());
                received.add(record);
                return keeping.keep(reEncrypted);
            }
        });
        Beans.inject(service, RetrievalService.class, "nodes", otherNodes);
        Beans.inject(service, RetrievalService.class, "audit", audit);
        return service;
    }
}
