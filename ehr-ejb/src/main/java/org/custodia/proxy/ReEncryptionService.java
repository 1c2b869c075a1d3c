package org.custodia.proxy;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.Set;
import java.util.UUID;
import java.util.function.LongSupplier;
import java.util.logging.Logger;

import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;

import org.custodia.audit.AuditOutcome;
import org.custodia.audit.AuditTrail;
import org.custodia.audit.AuditedAction;
import org.custodia.consortium.NotOnThisNodeException;
import org.custodia.crypto.CryptoException;
import org.custodia.crypto.ReEncryptionKey;
import org.custodia.crypto.RecordEnvelopes;
import org.custodia.kernel.DependencyUnavailableException;
import org.custodia.kernel.Failure;
import org.custodia.kernel.Given;
import org.custodia.kernel.InvalidInputException;
import org.custodia.kernel.NodeRole;
import org.custodia.kernel.NodeSettings;
import org.custodia.kernel.ServiceException;
import org.custodia.kernel.SharingException;
import org.custodia.ledger.SentTransactions;
import org.custodia.ledger.api.AnchoredRecord;
import org.custodia.ledger.api.Bytes32;
import org.custodia.ledger.api.ContractRefusalException;
import org.custodia.ledger.api.GrantExpiredException;
import org.custodia.ledger.api.GrantRevokedException;
import org.custodia.ledger.api.Issued;
import org.custodia.ledger.api.LedgerAddress;
import org.custodia.ledger.api.LedgerConnection;
import org.custodia.ledger.api.LedgerConnectionFactory;
import org.custodia.ledger.api.LedgerException;
import org.custodia.ledger.api.LedgerUnavailableException;
import org.custodia.ledger.api.Member;
import org.custodia.ledger.api.MemberRole;
import org.custodia.ledger.api.UnknownEntryException;
import org.custodia.nodeapi.ForwardedCall;
import org.custodia.nodeapi.NodeApiBase;
import org.custodia.nodeapi.NodeApiClient;
import org.custodia.nodeapi.NodeApiProblem;
import org.custodia.nodeapi.VerifiedCaller;
import org.custodia.records.RecordId;

/**
 * Re-encrypts a record's envelope for a hospital the chain lets read it (flow 7): (a) asks the chain whether the
 * caller may read the record, (b) looks up the record's custodian and its endpoint on chain, (c) fetches the envelope
 * from the custodian, which checks the chain again for the caller, (d) takes the re-key that custodian delivered for
 * the envelope's owner key and the caller (never another member's), (e) logs the access on chain, and only then
 * (f) hands out the {@link ReEncryption} that streams the result. No plaintext, data key or private key exists here.
 *
 * <p>Every refusal is counted by reason ({@link ProxyCounters}) and audited with the caller as actor and the record
 * as subject; a served re-encryption is audited once its access is logged on chain, before a byte is sent, and
 * again should its stream break off. Runs outside transactions: the chain and the custodian are called here, the
 * database in transactions of its own.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class ReEncryptionService {

    /**
     * How long after a call arrived the proxy still logs its access: two thirds of what the requesting hospital waits
     * for its answer, the rest left for the access log's transaction.
     */
    private static final Duration LATEST_ACCESS_LOG = NodeApiClient.RESPONSE_TIMEOUT.multipliedBy(2).dividedBy(3);
    private static final Logger LOG = Logger.getLogger(ReEncryptionService.class.getName());

    /** Read buffer over the custodian's response: the header is peeked within it. */
    private static final int BUFFER_SIZE = 1 << 16;
    /** The custodian's refusals that say why the caller may not read the record. */
    private static final Set<Failure> CUSTODIAN_REFUSALS = EnumSet.of(Failure.NO_GRANT, Failure.GRANT_REVOKED,
            Failure.GRANT_EXPIRED);
    /** The contract's error when the calling account is not a registered proxy. */
    private static final String NOT_PROXY = "NotProxy";

    @Resource(lookup = "java:app/eis/ledger")
    private LedgerConnectionFactory ledger;

    @EJB
    private SealedReKeys reKeys;

    @EJB
    private AuditTrail audit;

    @Inject
    private NodeApiClient nodes;

    @Inject
    private NodeSettings settings;

    @Inject
    private ProxySuite suite;

    @Inject
    private ProxyCounters counters;

    /** Measures how long a call has been under way (tests replace it). */
    private LongSupplier nanoTime = System::nanoTime;

    /**
     * Prepares the re-encryption of a record for the calling hospital; its access is logged on chain when this
     * returns.
     *
     * @param caller      the verified calling hospital, the accessor
     * @param recordIdHex the record id, 64 hex digits (with or without {@code 0x})
     * @param asked       the caller's call, forwarded to the custodian as the accessor's proof that it asked
     * @param arrived     when the call arrived, by {@link System#nanoTime}: the caller's wait began before its
     *                    signature, membership and nonce were checked, which may take long under load
     * @throws NotOnThisNodeException          on a hospital node
     * @throws InvalidInputException           if the record id is malformed
     * @throws UnknownRecordException          if no record is anchored under the id
     * @throws SharingException                {@link Failure#NO_GRANT}, {@link Failure#GRANT_REVOKED} or
     *                                         {@link Failure#GRANT_EXPIRED} when the chain (or the custodian) refuses
     *                                         the caller; {@link Failure#CUSTODIAN_UNREACHABLE} when the custodian does
     *                                         not hand out the envelope; {@link Failure#INTEGRITY_FAILURE} when what it
     *                                         hands out is not the record's envelope; {@link Failure#NO_RE_KEY} when
     *                                         the custodian has not delivered a re-key for the caller
     * @throws DependencyUnavailableException if the chain node, the database or the key-encryption key is not
     *                                         available
     */
    public ReEncryption reEncrypt(VerifiedCaller caller, String recordIdHex, ForwardedCall asked, long arrived) {
        Given<RecordId> given = RecordId.given(recordIdHex);
        String subject = given.toString();
        AccessLogIntent intent = new AccessLogIntent();
        try {
            NotOnThisNodeException.requireRole(settings, NodeRole.PROXY, "re-encryption");
            Bytes32 recordId = Bytes32.fromHex(given.value().hex());
            LedgerAddress accessor = LedgerAddress.fromHex(caller.address());
            Member custodian = custodianFor(recordId, accessor);
            InputStream envelope = fetchEnvelope(custodian, recordId, accessor, asked);
            try {
                return prepare(recordId, accessor, custodian, new BufferedInputStream(envelope, BUFFER_SIZE),
                        intent, arrived);
            } catch (RuntimeException | Error e) {
                closeQuietly(envelope);
                throw e;
            }
        } catch (ServiceException e) {
            if (intent.onChain()) {
                counters.brokenOff();
            } else {
                counters.refused(e.failure());
            }
            intent.end(caller.address(), subject, AuditOutcome.of(e), e.getMessage(), e);
            throw e;
        } catch (RuntimeException | Error e) {
            if (intent.onChain()) {
                counters.brokenOff();
            }
            intent.end(caller.address(), subject, AuditOutcome.FAILED, "failed: " + e.getClass().getSimpleName(), e);
            throw e;
        }
    }

    /**
     * Steps (d) and (e) on the fetched envelope. What the access log is about to do is written before its
     * transaction is sent ({@link AuditTrail#recordIntent}), and replaced by the entry once it is mined: a proxy
     * that stops in between is audited at its next start, with outcome unknown, as the accessor's re-encryption.
     */
    private ReEncryption prepare(Bytes32 recordId, LedgerAddress accessor, Member custodian,
            BufferedInputStream envelope, AccessLogIntent intent, long arrived) {
        RecordEnvelopes.Owner owner = peek(envelope, custodian);
        if (!Arrays.equals(owner.recordId(), recordId.toBytes())) {
            throw new SharingException(Failure.INTEGRITY_FAILURE, "custodian " + custodian.account()
                    + " sent the envelope of another record than " + hex(recordId));
        }
        ProxyReKeyId id = new ProxyReKeyId(custodian.account().toString(), owner.owner().toString(),
                accessor.toString());
        ReEncryptionKey key = reKeys.find(id).orElseThrow(() -> new SharingException(Failure.NO_RE_KEY,
                "custodian " + custodian.account() + " has not delivered a re-key for " + accessor + " to this "
                        + "proxy yet (owner key " + owner.owner() + ")"));
        String subject = hex(recordId);
        requireCallerStillWaiting(custodian, arrived);
        intent.write(accessor.toString(), subject, "access log on chain, then re-encryption of the envelope from "
                + "custodian " + custodian.account());
        Issued logged = logAccess(recordId, accessor);
        // audited once the access is on chain, before a byte is sent: a proxy that stops while it streams keeps it
        intent.logged(accessor.toString(), subject, "access logged in " + logged.transaction().transactionHash()
                + "; re-encrypting the envelope from custodian " + custodian.account());
        requireCallerStillWaitingAfterLog(accessor, subject, logged, arrived);
        return new ReEncryption(subject, logged, key, suite.envelopes(), envelope, new ReEncryption.Completion() {
            @Override
            public void served() {
                counters.served();
            }

            @Override
            public void brokenOff(String reason) {
                counters.brokenOff();
                audit.record(accessor.toString(), AuditedAction.PROXY_RE_ENCRYPTION, subject, AuditOutcome.FAILED,
                        reason + "; access log " + logged.transaction().transactionHash());
            }
        });
    }

    /**
     * The intent a re-encryption writes before its access-log transaction, if it got that far, and the one entry that
     * ends the attempt: in place of the intent when there is one. Once the access is logged on chain the attempt has
     * succeeded, whatever fails after; should its entry not be written then, it is written as succeeded when the
     * attempt ends, with what failed afterwards.
     */
    private final class AccessLogIntent {

        private UUID id;
        private String underWay;
        private String loggedAs;
        private boolean ended;

        void write(String actor, String subject, String detail) {
            id = audit.recordIntent(actor, AuditedAction.PROXY_RE_ENCRYPTION, subject, detail);
            underWay = detail;
        }

        /** Whether the access is logged on chain: a failure after it is a re-encryption broken off, not a refusal. */
        boolean onChain() {
            return loggedAs != null;
        }

        /** The access is on chain: the attempt's entry, succeeded, is written now. */
        void logged(String actor, String subject, String detail) {
            loggedAs = detail;
            try {
                replace(actor, subject, AuditOutcome.SUCCEEDED, detail);
            } catch (RuntimeException e) {
                LOG.warning(() -> "The access to record " + subject + " by " + actor + " is logged on chain, and its "
                        + "entry could not be written yet (" + e + "): it is written again as this attempt ends");
                throw e;
            }
            ended = true;
        }

        /**
         * Writes the attempt's entry unless it was written already, keeping {@code failure} as what the caller is
         * told should the entry fail too. Once the access log was under way, a failure that may have come after its
         * transaction reached the chain ({@link SentTransactions#mayHaveTakenEffect}) has outcome unknown.
         */
        void end(String actor, String subject, AuditOutcome outcome, String detail, Throwable failure) {
            if (ended) {
                return;
            }
            ended = true;
            try {
                if (id == null) {
                    audit.record(actor, AuditedAction.PROXY_RE_ENCRYPTION, subject, outcome, detail);
                } else if (loggedAs != null) {
                    replace(actor, subject, AuditOutcome.SUCCEEDED, loggedAs + "; afterwards: " + detail);
                } else if (SentTransactions.mayHaveTakenEffect(failure)) {
                    replace(actor, subject, AuditOutcome.UNKNOWN, underWay + "; " + detail);
                } else {
                    replace(actor, subject, outcome, detail);
                }
            } catch (RuntimeException auditFailure) {
                if (failure instanceof Error error) {
                    error.addSuppressed(auditFailure);
                    throw error;
                }
                if (failure != null && failure != auditFailure) {
                    auditFailure.addSuppressed(failure);
                }
                throw auditFailure;
            }
        }

        private void replace(String actor, String subject, AuditOutcome outcome, String detail) {
            try {
                audit.recordInPlaceOf(id, actor, AuditedAction.PROXY_RE_ENCRYPTION, subject, outcome, detail);
            } catch (RuntimeException e) {
                if (ended) {
                    LOG.severe(() -> "The re-encryption of record " + subject + " for " + actor + " ended " + outcome
                            + " (" + detail + "), and its entry could not be written (" + e + "): the node's next "
                            + "start audits it from its intent, with outcome unknown");
                }
                throw e;
            }
        }
    }

    /** Steps (a) and (b): the caller may read the record now, and the record's custodian as registered. */
    private Member custodianFor(Bytes32 recordId, LedgerAddress accessor) {
        try (LedgerConnection chain = ledger.getConnection()) {
            try {
                chain.checkAccess(recordId, accessor);
            } catch (ContractRefusalException e) {
                throw refusal(e, recordId, accessor);
            }
            AnchoredRecord record = chain.findRecord(recordId).orElseThrow(() -> unknown(recordId, null));
            if (record.custodian().equals(accessor)) {
                // a custodian reads its records at its own node; through a proxy, it would only make the proxy
                // call an endpoint of its choosing and hold a request thread while it answers
                throw new SharingException(Failure.NO_GRANT, "record " + hex(recordId) + " is the calling "
                        + "hospital's own: it is read at that hospital's node, not re-encrypted by a proxy");
            }
            return chain.findMember(record.custodian())
                    .filter(member -> member.role() == MemberRole.HOSPITAL)
                    .orElseThrow(() -> new SharingException(Failure.CUSTODIAN_UNREACHABLE, "the custodian "
                            + record.custodian() + " of record " + hex(recordId) + " is no longer a hospital of the "
                            + "consortium"));
        } catch (LedgerException e) {
            throw chainUnavailable(e);
        }
    }

    /** Step (c): the envelope as the custodian releases it for the accessor, shown the accessor's own call. */
    private InputStream fetchEnvelope(Member custodian, Bytes32 recordId, LedgerAddress accessor, ForwardedCall asked) {
        String target;
        try {
            target = NodeApiBase.of(custodian.endpoint().toString())
                    .targetUri("/records/" + hex(recordId) + "/envelope", "accessor=" + accessor);
        } catch (IllegalArgumentException e) {
            throw unreachable(custodian, "its endpoint on chain is not a node URL (" + e.getMessage() + ")", e);
        }
        HttpResponse<InputStream> response;
        try {
            response = nodes.forwarding(asked, target);
        } catch (IOException e) {
            throw unreachable(custodian, e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unreachable(custodian, "interrupted while waiting for it", e);
        }
        if (response.statusCode() == 200) {
            return response.body();
        }
        throw custodianRefusal(custodian, response);
    }

    /**
     * What a custodian's answer other than the envelope means for the caller: its consent refusals are passed on as
     * they are; anything else makes the custodian unusable for now, with its explanation.
     */
    private static SharingException custodianRefusal(Member custodian, HttpResponse<InputStream> response) {
        NodeApiProblem problem = NodeApiProblem.read(response);
        Failure refusal = problem.failure().filter(CUSTODIAN_REFUSALS::contains)
                .orElse(Failure.CUSTODIAN_UNREACHABLE);
        return new SharingException(refusal, "custodian " + custodian.account() + " answered "
                + problem.describe() + " instead of the envelope");
    }

    private RecordEnvelopes.Owner peek(BufferedInputStream envelope, Member custodian) {
        try {
            return suite.envelopes().peekOwner(envelope);
        } catch (IOException e) {
            throw unreachable(custodian, "the envelope's stream broke off: " + e.getMessage(), e);
        } catch (CryptoException e) {
            throw new SharingException(Failure.INTEGRITY_FAILURE, "custodian " + custodian.account()
                    + " sent an envelope this proxy cannot re-encrypt: " + e.getMessage());
        }
    }

    /** Step (e): the chain logs the access, checking it again in the same transaction. */
    private Issued logAccess(Bytes32 recordId, LedgerAddress accessor) {
        try (LedgerConnection chain = ledger.getConnection()) {
            return chain.logAccess(recordId, accessor);
        } catch (ContractRefusalException e) {
            if (NOT_PROXY.equals(e.errorName())) {
                throw new DependencyUnavailableException("this node's ledger account is not registered as a proxy "
                        + "of the consortium, so it cannot log accesses: " + e.getMessage(), e);
            }
            throw refusal(e, recordId, accessor);
        } catch (LedgerUnavailableException e) {
            if (e.pendingTransaction().isPresent()) {
                throw new DependencyUnavailableException("the chain node did not confirm the access log in time: its "
                        + "transaction " + e.pendingTransaction().get() + " was sent and may still be mined, so the "
                        + "access may be logged although nothing was re-encrypted (" + e.getMessage() + ")", e);
            }
            throw chainUnavailable(e);
        } catch (LedgerException e) {
            throw chainUnavailable(e);
        }
    }

    /** A contract's refusal of the accessor, as the kind of failure it is. */
    private static ServiceException refusal(ContractRefusalException e, Bytes32 recordId, LedgerAddress accessor) {
        String about = " (record " + hex(recordId) + ", accessor " + accessor + "): " + e.getMessage();
        if (e instanceof GrantRevokedException) {
            return new SharingException(Failure.GRANT_REVOKED, "the grant was revoked" + about, e);
        }
        if (e instanceof GrantExpiredException) {
            return new SharingException(Failure.GRANT_EXPIRED, "the grant or emergency access expired" + about, e);
        }
        if (e instanceof UnknownEntryException) {
            return unknown(recordId, e);
        }
        return new SharingException(Failure.NO_GRANT, "nothing on chain lets the accessor read the record" + about, e);
    }

    /** The record unknown on chain; {@code cause} the registry's refusal that says so, if any. */
    private static UnknownRecordException unknown(Bytes32 recordId, Throwable cause) {
        return new UnknownRecordException("no record is anchored on chain under " + hex(recordId), cause);
    }

    /**
     * Refuses before the access is logged when the call has been under way so long (mostly the custodian's answer)
     * that the requesting hospital, which waits {@link NodeApiClient#RESPONSE_TIMEOUT} for this proxy's answer, may
     * give up before the access log is mined: an access logged then serves nothing, and the hospital's next proxy
     * logs another.
     */
    private void requireCallerStillWaiting(Member custodian, long arrived) {
        Duration underWay = Duration.ofNanos(nanoTime.getAsLong() - arrived);
        if (underWay.compareTo(LATEST_ACCESS_LOG) > 0) {
            throw unreachable(custodian, "the call has been under way " + underWay.toSeconds() + " s, most of it"
                    + " waiting for the envelope, and the requesting hospital waits "
                    + NodeApiClient.RESPONSE_TIMEOUT.toSeconds() + " s for this proxy's answer: the access was not"
                    + " logged; try again", null);
        }
    }

    /**
     * Refuses to stream once the access log took so long that the requesting hospital's wait for this answer is over:
     * it has given up (and may have asked another proxy), so nothing would read the stream, and a small envelope
     * written into the connection's buffer would be counted as served. Audited as broken off, its access logged.
     */
    private void requireCallerStillWaitingAfterLog(LedgerAddress accessor, String subject, Issued logged,
            long arrived) {
        Duration underWay = Duration.ofNanos(nanoTime.getAsLong() - arrived);
        if (underWay.compareTo(NodeApiClient.RESPONSE_TIMEOUT) > 0) {
            String why = "not streamed: the access log was mined " + underWay.toSeconds() + " s after the call "
                    + "arrived, after the requesting hospital's wait of " + NodeApiClient.RESPONSE_TIMEOUT.toSeconds()
                    + " s for this answer";
            audit.record(accessor.toString(), AuditedAction.PROXY_RE_ENCRYPTION, subject, AuditOutcome.FAILED,
                    why + "; access log " + logged.transaction().transactionHash());
            throw new DependencyUnavailableException("the chain node mined the access log too late for the "
                    + "requesting hospital (" + why + "); the access is logged on chain ("
                    + logged.transaction().transactionHash() + ")");
        }
    }

    private static SharingException unreachable(Member custodian, String why, Throwable cause) {
        return new SharingException(Failure.CUSTODIAN_UNREACHABLE, "custodian " + custodian.account() + " at "
                + custodian.endpoint() + " cannot be reached: " + why, cause);
    }

    private static DependencyUnavailableException chainUnavailable(LedgerException e) {
        return new DependencyUnavailableException("the chain node cannot be asked, so records are not re-encrypted "
                + "for now: " + e.getMessage(), e);
    }

    private static String hex(Bytes32 recordId) {
        return HexFormat.of().formatHex(recordId.toBytes());
    }

    private static void closeQuietly(InputStream in) {
        try {
            in.close();
        } catch (IOException e) {
            // the exchange with the custodian is over either way
        }
    }
}
