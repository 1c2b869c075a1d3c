package org.custodia.patients;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;

import org.custodia.access.AuditSubject;
import org.custodia.access.Audited;
import org.custodia.access.AuditedCall;
import org.custodia.audit.AuditedAction;
import org.custodia.kernel.DependencyUnavailableException;
import org.custodia.kernel.Given;
import org.custodia.kernel.InvalidInputException;
import org.custodia.kernel.SecretBytes;
import org.custodia.keys.KeyCustody;
import org.custodia.keys.KeyCustodyException;
import org.custodia.keys.KeyOwner;
import org.custodia.keys.NodeKeys;
import org.custodia.persistence.UniqueViolation;

/**
 * Registers the patients this hospital is custodian for and finds them again by id, MRN or national id (through
 * the pseudonym: the national id itself is never stored in clear). Registration generates the patient's PRE key
 * pair (stored wrapped) and seals the demographics. Every staff call is audited under the caller's name.
 */
@Stateless
public class PatientRegistry {

    @PersistenceContext(unitName = "custodia")
    private EntityManager em;

    @Inject
    private NodeKeys keys;

    @Inject
    private NodePseudonymizer pseudonymizer;

    private final Clock clock = Clock.systemUTC();

    /**
     * Registers a patient, read from what the caller sent once its roles allow it.
     *
     * @throws InvalidInputException     if a field is missing or malformed ({@link PatientRegistration})
     * @throws DuplicatePatientException if the MRN or the national id is already registered (nothing is changed)
     */
    @Audited(AuditedAction.PATIENT_REGISTER)
    public PatientDetails register(Given<PatientRegistration> given) {
        PatientRegistration registration = given.value();
        AuditedCall call = AuditedCall.current();
        String actor = call.actor().name();
        Pseudonym pseudonym = pseudonymOf(registration.demographics().nationalId());
        call.subject(pseudonym.hex());
        String duplicate = duplicateOf(registration.mrn(), pseudonym);
        if (duplicate != null) {
            throw new DuplicatePatientException(duplicate);
        }
        UUID id = UUID.randomUUID();
        KeyCustody custody = keys.custody();
        SecretBytes demographics = registration.demographics().toSecretBytes();
        Patient patient;
        try {
            patient = new Patient(id, registration.mrn(), pseudonym, custody.seal(demographics, sealingContext(id)),
                    custody.generate(KeyOwner.patient(id)), clock.instant(), actor);
        } finally {
            demographics.destroy();
        }
        try {
            em.persist(patient);
            em.flush();
        } catch (PersistenceException e) {
            if (!UniqueViolation.causedBy(e)) {
                throw e;
            }
            // a concurrent registration took the MRN or pseudonym between the check and the insert
            throw new DuplicatePatientException("a patient with this MRN or national id was registered at the "
                    + "same time; look the patient up instead");
        }
        call.subject(id.toString());
        return details(patient);
    }

    /**
     * The patient registered under the id given, read from what the caller sent once its roles allow it.
     *
     * @throws InvalidInputException    if the id is unreadable
     * @throws PatientNotFoundException if there is no such patient
     */
    @Audited(AuditedAction.PATIENT_FIND)
    public PatientDetails find(@AuditSubject Given<UUID> id) {
        UUID patientId = id.value();
        return found(Optional.ofNullable(em.find(Patient.class, patientId)),
                "no patient is registered under id " + patientId);
    }

    /**
     * The patient with the MRN or the national id asked for, read from what the caller sent once its roles allow it.
     *
     * @throws InvalidInputException    if the query is unreadable, or the MRN malformed
     * @throws PatientNotFoundException if there is no such patient
     */
    @Audited(AuditedAction.PATIENT_FIND)
    public PatientDetails search(Given<PatientQuery> given) {
        PatientQuery query = given.value();
        if (query.nationalId() != null) {
            return found(single("pseudonym", pseudonymOf(query.nationalId()).hex()),
                    "no patient is registered under this national id");
        }
        String normalised;
        try {
            normalised = PatientRegistration.normaliseMrn(query.mrn());
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(e.getMessage());
        }
        return found(single("mrn", normalised), "no patient is registered under this MRN");
    }

    /**
     * What other services need of a patient this node is custodian for: pseudonym and wrapped key pair. Not audited
     * and not checked: callers are services inside an audited action of their own. One read, in the caller's
     * transaction if it has one, else in none (an upload reads it before it streams, outside any transaction).
     *
     * @throws PatientNotFoundException if there is no such patient
     */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public PatientCustody custody(UUID id) {
        Patient patient = id == null ? null : em.find(Patient.class, id);
        if (patient == null) {
            throw new PatientNotFoundException("no patient is registered under id " + id);
        }
        return new PatientCustody(patient.id(), patient.pseudonym(), patient.keyPair());
    }

    /**
     * The patient this node keeps under {@code pseudonym}, if any: how reactions to chain events and shared records
     * find their patient. Not audited, like {@link #custody(UUID)}, and like it one read that starts no transaction.
     */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public Optional<PatientCustody> custodyOf(Pseudonym pseudonym) {
        return single("pseudonym", pseudonym.hex())
                .map(patient -> new PatientCustody(patient.id(), patient.pseudonym(), patient.keyPair()));
    }

    private PatientDetails found(Optional<Patient> patient, String notFound) {
        if (patient.isEmpty()) {
            throw new PatientNotFoundException(notFound);
        }
        AuditedCall.current().subject(patient.get().id().toString());
        return details(patient.get());
    }

    private Optional<Patient> single(String field, String value) {
        List<Patient> found = em.createQuery("select p from Patient p where p." + field + " = :value", Patient.class)
                .setParameter("value", value)
                .getResultList();
        return found.stream().findFirst();
    }

    private String duplicateOf(String mrn, Pseudonym pseudonym) {
        if (single("mrn", mrn).isPresent()) {
            return "a patient with this MRN is already registered";
        }
        if (single("pseudonym", pseudonym.hex()).isPresent()) {
            return "a patient with this national id is already registered (under another MRN)";
        }
        return null;
    }

    private Pseudonym pseudonymOf(String nationalId) {
        try {
            return pseudonymizer.pseudonymOf(nationalId);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(e.getMessage());
        }
    }

    private PatientDetails details(Patient patient) {
        SecretBytes opened;
        try {
            opened = keys.custody().open(patient.sealedDemographics(), sealingContext(patient.id()));
        } catch (KeyCustodyException e) {
            throw new DependencyUnavailableException("the demographics of patient " + patient.id()
                    + " do not open under this node's key-encryption key: " + e.getMessage(), e);
        }
        try {
            return new PatientDetails(patient.id(), patient.mrn(), patient.pseudonym(),
                    Demographics.fromSecretBytes(opened), patient.registeredAt(), patient.registeredBy());
        } finally {
            opened.destroy();
        }
    }

    private static byte[] sealingContext(UUID patientId) {
        return ("custodia:demographics:" + patientId).getBytes(StandardCharsets.UTF_8);
    }
}
