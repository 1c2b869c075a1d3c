package org.custodia.records;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;

import org.custodia.access.AuditSubject;
import org.custodia.access.Audited;
import org.custodia.access.AuditedCall;
import org.custodia.audit.AuditOutcome;
import org.custodia.audit.AuditTrail;
import org.custodia.audit.AuditedAction;
import org.custodia.audit.NamedPatient;
import org.custodia.crypto.CryptoException;
import org.custodia.crypto.PrePrivateKey;
import org.custodia.crypto.PrePublicKey;
import org.custodia.crypto.RecordEnvelopes;
import org.custodia.filestore.FileStoreBusyException;
import org.custodia.filestore.FileStoreFullException;
import org.custodia.filestore.FileStoreUnwritableException;
import org.custodia.kernel.DependencyUnavailableException;
import org.custodia.kernel.Given;
import org.custodia.kernel.InvalidInputException;
import org.custodia.keys.KeyCustody;
import org.custodia.keys.KeyCustodyException;
import org.custodia.keys.KeyOwner;
import org.custodia.keys.NodeKeys;
import org.custodia.keys.OwnKeyPairs;
import org.custodia.outbox.OutboxWorker;
import org.custodia.patients.PatientCustody;
import org.custodia.patients.PatientRegistry;

/**
 * The hospital's health records: upload (encrypt under the patient's key into the file store, record, anchor),
 * listing, metadata and download (check against the recorded and the anchored hash, decrypt). Who may do what is
 * the access policy's; every call, granted or refused, is audited under the caller's name.
 *
 * <p>Crash safety: the envelope is complete on disk (temporary file, fsync, atomic rename) before the row, its
 * anchor command and the upload's audit entry are committed together, so a crash leaves either a complete record or
 * an orphan envelope that no row points to, that is never served and that the start-up sweep
 * ({@link OrphanEnvelopeSweep}) sets aside; an upload whose record the database refuses deletes its envelope at once.
 * The anchor
 * follows from the outbox: an attempt starts as soon as the record is committed (without holding up the upload's
 * answer), and the outbox worker retries until the chain accepts it.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class RecordService {

    private static final Logger LOG = Logger.getLogger(RecordService.class.getName());

    @EJB
    private RecordStore store;

    @EJB
    private RecordAnchoring anchoring;

    @EJB
    private PatientRegistry patients;

    @EJB
    private AuditTrail audit;

    @EJB
    private OutboxWorker outbox;

    @Inject
    private NodeKeys keys;

    @EJB
    private OwnKeyPairs ownKeyPairs;

    @Inject
    private EnvelopePipeline pipeline;

    private final SecureRandom random = new SecureRandom();
    private final Clock clock = Clock.systemUTC();

    /**
     * Stores a new record for a patient, streaming {@code content} (any size) into its envelope. The patient id, the
     * content's presence, its category, title and content type are checked here, once the caller's roles are, so that
     * any refusal of them is audited.
     *
     * @throws InvalidInputException if the patient id or the title is unreadable, the content missing, or the category,
     *                               title or content type not acceptable ({@link RecordMetadata})
     * @throws org.custodia.patients.PatientNotFoundException if there is no such patient
     * @param declaredLength the content's length as its sender declared it (a request's {@code Content-Length}), or -1:
     *                       a declared length above the maximum is refused before anything is read
     * @throws RecordTooLargeException if the content is, or is declared, larger than {@code custodia.records.max-size-mb}
     * @throws StorageFullException if the file store has too little room or cannot be written
     * @throws StorageBusyException if the file store has as many uploads in progress as it allows
     * @throws InvalidInputException if the content is empty, ends before its declared length, or arrives more slowly
     *                               than the {@link org.custodia.kernel.SenderRate} (nothing is recorded then)
     * @throws IOException if reading the content fails (e.g. the client went away); nothing is recorded then
     */
    @Audited(AuditedAction.RECORD_UPLOAD)
    public RecordDetails upload(@AuditSubject Given<UUID> patient, String category, Given<String> title,
            String contentType, long declaredLength, InputStream content) throws IOException {
        UUID patientId = patient.value();
        if (content == null) {
            throw new InvalidInputException("the record's content is required");
        }
        RecordMetadata metadata;
        try {
            metadata = new RecordMetadata(category, title.value(), contentType);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(e.getMessage());
        }
        pipeline.requireFits(declaredLength);
        AuditedCall call = AuditedCall.current();
        PatientCustody custody = patients.custody(patientId);
        byte[] recordId = new byte[RecordEnvelopes.RECORD_ID_LENGTH];
        random.nextBytes(recordId);
        EnvelopePipeline.Sealed sealed;
        try {
            sealed = pipeline.seal(recordId, publicKey(custody), content, declaredLength);
        } catch (FileStoreFullException | FileStoreUnwritableException e) {
            throw new StorageFullException(e.getMessage(), e);
        } catch (FileStoreBusyException e) {
            throw new StorageBusyException(e);
        }
        Instant now = clock.instant();
        HealthRecord record = new HealthRecord(recordId, patientId, metadata, sealed.plaintextSize(),
                sealed.envelope().sha256(), sealed.envelope().size(), sealed.envelope().storageKey(), now,
                call.actor().name());
        call.subject(record.id()).detail(NamedPatient.detail(patientId, "category " + metadata.category() + ", "
                + sealed.plaintextSize() + " bytes"));
        try {
            store.addAudited(record);
        } catch (RecordNotKeptException e) {
            pipeline.discardUnkept(sealed);
            throw e;
        }
        outbox.soon(AnchorRecordCommand.KIND, record.id());
        return RecordDetails.of(record);
    }

    /**
     * A page of the patient's records kept here (stored here or received), newest first by when each was kept:
     * at most {@code limit}, those older than record {@code before} when it is given (null: from the newest). One
     * transaction with its audit entry, as it only reads.
     *
     * @throws InvalidInputException if the patient id is unreadable, {@code limit} is not 1 to
     *                               {@value RecordPage#MAX_LIMIT}, or {@code before} is not a record of this patient
     *                               kept here
     */
    @Audited(AuditedAction.RECORD_LIST)
    @TransactionAttribute(TransactionAttributeType.REQUIRED)
    public RecordPage list(@AuditSubject Given<UUID> patient, RecordId before, int limit) {
        UUID patientId = patient.value();
        if (limit < 1 || limit > RecordPage.MAX_LIMIT) {
            throw new InvalidInputException("limit must be 1 to " + RecordPage.MAX_LIMIT);
        }
        patients.custody(patientId);
        HealthRecord olderThan = before == null ? null : store.find(before.hex())
                .filter(record -> record.patientId().equals(patientId))
                .orElseThrow(() -> new InvalidInputException("before must be a record of this patient kept here: "
                        + "the last record of the page before"));
        List<HealthRecord> found = store.ofPatient(patientId, olderThan, limit + 1);
        List<RecordDetails> shown = found.stream().limit(limit).map(RecordDetails::of).toList();
        AuditedCall.current().detail(shown.size() + (shown.size() == 1 ? " record" : " records")
                + (before == null ? "" : " before " + before));
        return new RecordPage(shown, found.size() > limit
                ? Optional.of(new RecordId(shown.get(shown.size() - 1).id())) : Optional.empty());
    }

    /** A record's metadata and anchor status. One transaction with its audit entry, as it only reads. */
    @Audited(AuditedAction.RECORD_DETAILS)
    @TransactionAttribute(TransactionAttributeType.REQUIRED)
    public RecordDetails details(@AuditSubject Given<RecordId> recordId) {
        HealthRecord record = require(recordId.value().hex());
        AuditedCall.current().detail(NamedPatient.detail(record.patientId(), "category " + record.category()));
        return RecordDetails.of(record);
    }

    /**
     * Grants a download: checks the record's anchor on chain, unwraps the patient's key and opens the envelope,
     * which is then checked against the recorded hash as it is decrypted (see {@link OpenedRecord}). The caller
     * closes what it gets.
     *
     * @throws RecordIntegrityException        if the envelope was tampered with or is missing (audited as refused)
     * @throws DependencyUnavailableException if the chain node cannot confirm an anchored record's hash
     */
    @Audited(AuditedAction.RECORD_DOWNLOAD)
    public OpenedRecord open(@AuditSubject Given<RecordId> recordId) throws IOException {
        return openRecord(recordId.value().hex(), Long.MAX_VALUE, null);
    }

    /**
     * As {@link #open(Given)}, for a channel that carries records of at most {@code largestSize} bytes: a larger
     * one is refused before anything is checked or unwrapped, and audited as refused.
     *
     * @param howToGetLarger what the caller can do to receive a larger record, said in the refusal
     * @throws InvalidInputException if the record is larger than {@code largestSize}
     */
    @Audited(AuditedAction.RECORD_DOWNLOAD)
    public OpenedRecord open(@AuditSubject Given<RecordId> recordId, long largestSize, String howToGetLarger)
            throws IOException {
        return openRecord(recordId.value().hex(), largestSize, howToGetLarger);
    }

    private OpenedRecord openRecord(String recordId, long largestSize, String howToGetLarger) throws IOException {
        AuditedCall call = AuditedCall.current();
        HealthRecord record = require(recordId);
        call.detail(NamedPatient.detail(record.patientId(), record.size() + " bytes"));
        if (record.size() > largestSize) {
            throw new InvalidInputException("record " + record.id() + " has " + record.size() + " bytes, more than "
                    + largestSize + " this request can receive: " + howToGetLarger);
        }
        if (record.isReceived()) {
            anchoring.verifyOnChain(record.id(), record.anchoredHash(), record.receivedFrom());
        } else if (record.anchorStatus() == AnchorStatus.ANCHORED) {
            anchoring.verifyOnChain(record.id(), record.envelopeHash());
        }
        pipeline.requireStored(record.id(), record.storageKey());
        PrePrivateKey key = record.isReceived() ? ownPrivateKey()
                : privateKey(patients.custody(record.patientId()));
        return OpenedRecord.open(RecordDetails.of(record), key, new EnvelopeSource(pipeline, audit,
                call.actor().name(), record.id(), record.patientId(), record.storageKey(), record.envelopeHash(),
                record.isReceived() ? record.anchoredHash() : null));
    }

    private HealthRecord require(String recordId) {
        return store.find(recordId == null ? "" : recordId.toLowerCase(Locale.ROOT))
                .orElseThrow(() -> new RecordNotFoundException("no record " + recordId + " is kept by this hospital"));
    }

    /** The patient's public key, proven to be the patient's own before anything is sealed under it. */
    private PrePublicKey publicKey(PatientCustody patient) {
        try {
            return keys.custody().provenPublicKey(patient.keyPair(), patient.keyOwner());
        } catch (KeyCustodyException | CryptoException e) {
            throw new DependencyUnavailableException("the key of patient " + patient.patientId() + " does not unwrap "
                    + "under this node's key-encryption key, so nothing is sealed under it: " + e.getMessage(), e);
        }
    }

    /**
     * Keeps a record another hospital shared, from the envelope a proxy re-encrypted for this hospital: checked
     * in one pass (this hospital's key opens it, it authenticates, the original envelope is the one anchored on
     * chain), then stored like an upload but not anchored again (its custodian's anchor is the record's). Audited as
     * the retrieval that calls it: its succeeded entry is written with the record. The retrieval has found the record
     * not kept yet, and no other retrieval of it runs meanwhile on this node.
     *
     * @throws RecordIntegrityException if a check fails; nothing is kept then
     * @throws StorageFullException if the file store has too little room or cannot be written
     * @throws StorageBusyException if the file store has as many writes in progress as it allows
     * @throws IOException if the envelope stream breaks off; nothing is kept then
     * @throws IllegalStateException outside an audited action (before anything is stored)
     */
    public RecordDetails keepReceived(ReceivedRecord received, InputStream reEncrypted) throws IOException {
        AuditedCall call = AuditedCall.current();
        PrePrivateKey key = ownPrivateKey();
        EnvelopePipeline.Sealed sealed;
        try {
            sealed = pipeline.receive(HexFormat.of().parseHex(received.recordId()), received.anchoredSha256(), key,
                    reEncrypted);
        } catch (FileStoreFullException | FileStoreUnwritableException e) {
            throw new StorageFullException(e.getMessage(), e);
        } catch (FileStoreBusyException e) {
            throw new StorageBusyException(e);
        } finally {
            KeyCustody.destroy(key);
        }
        HealthRecord record = HealthRecord.received(received, sealed.plaintextSize(), sealed.envelope().sha256(),
                sealed.envelope().size(), sealed.envelope().storageKey(), clock.instant());
        call.detail(NamedPatient.detail(received.patientId(), received.describe() + ", " + sealed.plaintextSize()
                + " bytes"));
        store.addAudited(record);
        return RecordDetails.of(record);
    }

    /**
     * The stored envelope of one of this hospital's anchored records, as it is (still encrypted), for a proxy to
     * re-encrypt; its hash is checked as it is read. Not audited here: the release that calls it is.
     *
     * @throws RecordNotFoundException  if this hospital keeps no such record of its own, or it is not anchored yet
     * @throws RecordIntegrityException if its envelope is missing from the file store
     */
    public InputStream openEnvelope(String recordId) throws IOException {
        HealthRecord record = requireOwnAnchored(recordId);
        return pipeline.openEnvelope(record.id(), record.storageKey(), record.envelopeHash());
    }

    /**
     * One of this hospital's anchored records, for another hospital that may read it. Not audited here: the release
     * that calls it is.
     *
     * @throws RecordNotFoundException if this hospital keeps no such record of its own, or it is not anchored yet
     */
    public RecordDetails ownAnchored(String recordId) {
        return RecordDetails.of(requireOwnAnchored(recordId));
    }

    private HealthRecord requireOwnAnchored(String recordId) {
        HealthRecord record = require(recordId);
        if (record.isReceived() || record.anchorStatus() != AnchorStatus.ANCHORED) {
            throw new RecordNotFoundException("record " + recordId + " is not an anchored record of this hospital");
        }
        return record;
    }

    /** Which of these records (lowercase ids) this hospital keeps, its own or received; for listings, not audited. */
    public Set<String> keptAmong(Collection<String> recordIds) {
        return store.keptAmong(recordIds);
    }

    /**
     * Checks that this hospital's own key, which opens what it receives, unwraps: asked before a retrieval asks a
     * proxy, whose access log on chain is for good, also for a record this node then cannot open.
     *
     * @throws DependencyUnavailableException if it does not
     */
    public void requireOwnKeyUsable() {
        KeyCustody.destroy(ownPrivateKey());
    }

    /** The record, if this hospital keeps it; for services inside an audited action of their own. */
    public Optional<RecordDetails> kept(String recordId) {
        return store.find(recordId.toLowerCase(Locale.ROOT)).map(RecordDetails::of);
    }

    /** This hospital's own private key: what records shared with it are re-encrypted for. */
    private PrePrivateKey ownPrivateKey() {
        try {
            return keys.custody().unwrap(ownKeyPairs.current(), KeyOwner.node());
        } catch (KeyCustodyException | CryptoException e) {
            throw new DependencyUnavailableException("this hospital's own key does not unwrap under this node's "
                    + "key-encryption key: " + e.getMessage(), e);
        }
    }

    private PrePrivateKey privateKey(PatientCustody patient) {
        try {
            return keys.custody().unwrap(patient.keyPair(), patient.keyOwner());
        } catch (KeyCustodyException | CryptoException e) {
            throw new DependencyUnavailableException("the key of patient " + patient.patientId()
                    + " does not unwrap under this node's key-encryption key: " + e.getMessage(), e);
        }
    }

    /**
     * A stored envelope as an opened record reads it; a received one is checked against its custodian's anchored hash
     * ({@code anchoredSha256}, null for this hospital's own records). Holds the pipeline (one per node) and the audit trail's
     * container reference, both valid beyond this bean's call, never the bean itself.
     */
    private record EnvelopeSource(EnvelopePipeline pipeline, AuditTrail audit, String actor, String recordId,
                                  UUID patientId, String storageKey, byte[] sha256, byte[] anchoredSha256)
            implements OpenedRecord.Source {

        @Override
        public void writeTo(PrePrivateKey key, OutputStream plaintext) throws IOException {
            if (anchoredSha256 == null) {
                pipeline.open(recordId, storageKey, sha256, key, plaintext);
            } else {
                pipeline.openReceived(recordId, storageKey, sha256, anchoredSha256, key, plaintext);
            }
        }

        @Override
        public void brokenOff(String reason) {
            try {
                audit.record(actor, AuditedAction.RECORD_DOWNLOAD, recordId, AuditOutcome.FAILED,
                        NamedPatient.detail(patientId, reason));
            } catch (RuntimeException auditFailure) {
                LOG.log(Level.SEVERE, "The delivery of record " + recordId + " to " + actor + " broke off (" + reason
                        + "), and the audit trail did not take that entry", auditFailure);
            }
        }

        @Override
        public void failedWhileStreaming(RecordIntegrityException failure) {
            try {
                audit.record(actor, AuditedAction.RECORD_DOWNLOAD, recordId, AuditOutcome.FAILED,
                        NamedPatient.detail(patientId, "aborted while streaming: " + failure.getMessage()));
            } catch (RuntimeException auditFailure) {
                // the integrity failure is what the caller must hear; the lost entry is for the operator
                LOG.log(Level.SEVERE, "Record " + recordId + " failed its integrity check while streaming to "
                        + actor + ", and the audit trail did not take that entry: " + failure.getMessage(),
                        auditFailure);
                failure.addSuppressed(auditFailure);
            }
        }
    }
}
