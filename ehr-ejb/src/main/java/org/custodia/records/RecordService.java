package org.custodia.records;

import java.io.IOException;
import java.io.InputStream;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.function.Supplier;

import jakarta.annotation.Resource;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;

import org.custodia.audit.AuditOutcome;
import org.custodia.audit.AuditTrail;
import org.custodia.crypto.CryptoException;
import org.custodia.crypto.PrePrivateKey;
import org.custodia.crypto.PrePublicKey;
import org.custodia.crypto.RecordEnvelopes;
import org.custodia.filestore.FileStoreFullException;
import org.custodia.filestore.NodeFileStore;
import org.custodia.keys.KeyCustody;
import org.custodia.keys.KeyCustodyException;
import org.custodia.keys.NodeKeys;
import org.custodia.node.DependencyUnavailableException;
import org.custodia.node.ServiceException;
import org.custodia.patients.Patient;
import org.custodia.patients.PatientRegistry;
import org.custodia.staff.StaffRole;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The hospital's health records: upload (encrypt under the patient's key into the file store, record, anchor),
 * listing, metadata and download (check against the recorded and the anchored hash, decrypt). Who may do what:
 * physicians and nurses upload and read content; privacy officers see metadata but never content. Every call,
 * granted or refused, is audited under the caller's name.
 *
 * <p>Crash safety: the envelope is complete on disk (temporary file, fsync, atomic rename) before the row and its
 * outbox entry are committed together, so a crash leaves either a complete record or an orphan envelope that no row
 * points to and that is never served. The anchor follows from the outbox: an attempt starts as soon as the record
 * is committed (without holding up the upload's answer), and the outbox timer retries until the chain accepts it.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class RecordService {

    @EJB
    private RecordStore store;

    @EJB
    private RecordAnchoring anchoring;

    @EJB
    private PatientRegistry patients;

    @EJB
    private AuditTrail audit;

    @Inject
    private NodeKeys keys;

    @Inject
    private NodeFileStore fileStore;

    @Resource
    private SessionContext session;

    @Inject
    @ConfigProperty(name = "custodia.records.max-size-mb")
    private long maximumSizeMegabytes;

    private final SecureRandom random = new SecureRandom();
    private final Clock clock = Clock.systemUTC();

    /**
     * Stores a new record for a patient, streaming {@code content} (any size) into its envelope.
     *
     * @throws org.custodia.patients.PatientNotFoundException if there is no such patient
     * @throws RecordTooLargeException if the content is larger than {@code custodia.records.max-size-mb}
     * @throws StorageFullException if the file store has too little room
     * @throws IOException if reading the content fails (e.g. the client went away); nothing is recorded then
     */
    @RolesAllowed({StaffRole.Names.PHYSICIAN, StaffRole.Names.NURSE})
    public RecordDetails upload(UUID patientId, RecordMetadata metadata, InputStream content) throws IOException {
        String actor = actor();
        Patient patient = audited(actor, "record.upload", patientId.toString(), () -> patients.patient(patientId));
        byte[] recordId = new byte[RecordEnvelopes.RECORD_ID_LENGTH];
        random.nextBytes(recordId);
        EnvelopePipeline.Sealed sealed;
        try {
            sealed = pipeline().seal(recordId, publicKey(patient), content);
        } catch (RecordTooLargeException e) {
            audit.record(actor, "record.upload", patientId.toString(), AuditOutcome.REFUSED, e.getMessage());
            throw e;
        } catch (FileStoreFullException e) {
            audit.record(actor, "record.upload", patientId.toString(), AuditOutcome.FAILED, "file store full");
            throw new StorageFullException(e.getMessage(), e);
        } catch (IOException e) {
            audit.record(actor, "record.upload", patientId.toString(), AuditOutcome.FAILED,
                    "upload not completed: " + e.getMessage());
            throw e;
        }
        Instant now = clock.instant();
        HealthRecord record = new HealthRecord(recordId, patientId, metadata, sealed.plaintextSize(),
                sealed.envelope().sha256(), sealed.envelope().size(), sealed.envelope().storageKey(), now, actor);
        store.add(record, new AnchorOutboxEntry(record.id(), now, now));
        audit.record(actor, "record.upload", record.id(), AuditOutcome.SUCCEEDED, "patient " + patientId
                + ", category " + metadata.category() + ", " + sealed.plaintextSize() + " bytes");
        anchoring.attemptSoon(record.id());
        return RecordDetails.of(record);
    }

    /** A patient's records, oldest first. */
    @RolesAllowed({StaffRole.Names.PHYSICIAN, StaffRole.Names.NURSE, StaffRole.Names.PRIVACY_OFFICER})
    public List<RecordDetails> list(UUID patientId) {
        String actor = actor();
        audited(actor, "record.list", patientId.toString(), () -> patients.patient(patientId));
        List<RecordDetails> records = store.ofPatient(patientId).stream().map(RecordDetails::of).toList();
        audit.record(actor, "record.list", patientId.toString(), AuditOutcome.SUCCEEDED, records.size() + " records");
        return records;
    }

    /** A record's metadata and anchor status. */
    @RolesAllowed({StaffRole.Names.PHYSICIAN, StaffRole.Names.NURSE, StaffRole.Names.PRIVACY_OFFICER})
    public RecordDetails details(String recordId) {
        String actor = actor();
        HealthRecord record = audited(actor, "record.details", recordId, () -> require(recordId));
        audit.record(actor, "record.details", recordId, AuditOutcome.SUCCEEDED, null);
        return RecordDetails.of(record);
    }

    /**
     * Grants a download after checking the envelope: its SHA-256 against the record's row and, once anchored,
     * against the hash on chain.
     *
     * @throws RecordIntegrityException        if the envelope was tampered with or is missing (audited as refused)
     * @throws DependencyUnavailableException if the chain node cannot confirm an anchored record's hash
     */
    @RolesAllowed({StaffRole.Names.PHYSICIAN, StaffRole.Names.NURSE})
    public RecordContent download(String recordId) throws IOException {
        String actor = actor();
        HealthRecord record = audited(actor, "record.download", recordId, () -> {
            HealthRecord found = require(recordId);
            if (found.anchorStatus() == AnchorStatus.ANCHORED) {
                anchoring.verifyOnChain(found.id(), found.envelopeHash());
            }
            return found;
        });
        try {
            pipeline().verify(record.id(), record.storageKey(), record.envelopeHash());
        } catch (RecordIntegrityException e) {
            audit.record(actor, "record.download", recordId, AuditOutcome.REFUSED, e.getMessage());
            throw e;
        }
        Patient patient = patients.patient(record.patientId());
        audit.record(actor, "record.download", recordId, AuditOutcome.SUCCEEDED, null);
        return new RecordContent(RecordDetails.of(record), plaintext -> {
            PrePrivateKey key = privateKey(patient);
            try {
                pipeline().open(record.id(), record.storageKey(), record.envelopeHash(), key, plaintext);
            } catch (RecordIntegrityException e) {
                audit.record(actor, "record.download", recordId, AuditOutcome.FAILED,
                        "aborted while streaming: " + e.getMessage());
                throw e;
            } finally {
                KeyCustody.destroy(key);
            }
        });
    }

    private HealthRecord require(String recordId) {
        return store.find(recordId == null ? "" : recordId.toLowerCase(Locale.ROOT))
                .orElseThrow(() -> new RecordNotFoundException("no record " + recordId + " is kept by this hospital"));
    }

    /** Runs {@code step}; a service refusal is audited as refused (unavailable dependencies as failed) and rethrown. */
    private <T> T audited(String actor, String action, String subject, Supplier<T> step) {
        try {
            return step.get();
        } catch (ServiceException e) {
            AuditOutcome outcome = e instanceof DependencyUnavailableException ? AuditOutcome.FAILED
                    : AuditOutcome.REFUSED;
            audit.record(actor, action, subject, outcome, e.getMessage());
            throw e;
        }
    }

    private PrePublicKey publicKey(Patient patient) {
        try {
            return keys.custody().publicKey(patient.keyPair());
        } catch (CryptoException e) {
            throw new IllegalStateException("the stored public key of patient " + patient.id() + " does not decode", e);
        }
    }

    private PrePrivateKey privateKey(Patient patient) {
        try {
            return keys.custody().unwrap(patient.keyPair());
        } catch (KeyCustodyException | CryptoException e) {
            throw new DependencyUnavailableException("the key of patient " + patient.id()
                    + " does not unwrap under this node's key-encryption key: " + e.getMessage(), e);
        }
    }

    private EnvelopePipeline pipeline() {
        return new EnvelopePipeline(keys.envelopes(), fileStore.envelopes(), maximumSizeMegabytes * 1024 * 1024);
    }

    private String actor() {
        return session.getCallerPrincipal().getName();
    }
}
