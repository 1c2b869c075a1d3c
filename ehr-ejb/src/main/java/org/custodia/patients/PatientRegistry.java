package org.custodia.patients;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.annotation.Resource;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;

import org.custodia.audit.AuditOutcome;
import org.custodia.audit.AuditTrail;
import org.custodia.keys.KeyCustody;
import org.custodia.keys.KeyCustodyException;
import org.custodia.keys.NodeKeys;
import org.custodia.keys.SecretBytes;
import org.custodia.node.DependencyUnavailableException;
import org.custodia.node.InvalidInputException;
import org.custodia.staff.StaffRole;

/**
 * Registers the patients this hospital is custodian for and finds them again by id, MRN or national id (through
 * the pseudonym: the national id itself is never stored in clear). Registration generates the patient's PRE key
 * pair (stored wrapped) and seals the demographics. Every call is audited under the caller's name.
 */
@Stateless
@RolesAllowed({StaffRole.Names.CLERK, StaffRole.Names.PHYSICIAN, StaffRole.Names.NURSE})
public class PatientRegistry {

    @PersistenceContext(unitName = "custodia")
    private EntityManager em;

    @Inject
    private NodeKeys keys;

    @Inject
    private NodePseudonymizer pseudonymizer;

    @EJB
    private AuditTrail audit;

    @Resource
    private SessionContext session;

    private final Clock clock = Clock.systemUTC();

    /**
     * @throws DuplicatePatientException if the MRN or the national id is already registered (nothing is changed)
     */
    public PatientDetails register(PatientRegistration registration) {
        String actor = session.getCallerPrincipal().getName();
        Pseudonym pseudonym = pseudonymOf(registration.demographics().nationalId());
        String duplicate = duplicateOf(registration.mrn(), pseudonym);
        if (duplicate != null) {
            audit.record(actor, "patient.register", pseudonym.hex(), AuditOutcome.REFUSED, duplicate);
            throw new DuplicatePatientException(duplicate);
        }
        UUID id = UUID.randomUUID();
        KeyCustody custody = keys.custody();
        SecretBytes demographics = registration.demographics().toSecretBytes();
        Patient patient;
        try {
            patient = new Patient(id, registration.mrn(), pseudonym, custody.seal(demographics, sealingContext(id)),
                    custody.generate(), clock.instant(), actor);
        } finally {
            demographics.destroy();
        }
        try {
            em.persist(patient);
            em.flush();
        } catch (PersistenceException e) {
            // a concurrent registration took the MRN or pseudonym between the check and the insert
            audit.record(actor, "patient.register", pseudonym.hex(), AuditOutcome.REFUSED, "concurrent duplicate");
            throw new DuplicatePatientException("a patient with this MRN or national id was registered at the "
                    + "same time; look the patient up instead");
        }
        audit.record(actor, "patient.register", id.toString(), AuditOutcome.SUCCEEDED, null);
        return details(patient);
    }

    @RolesAllowed({StaffRole.Names.CLERK, StaffRole.Names.PHYSICIAN, StaffRole.Names.NURSE,
            StaffRole.Names.PRIVACY_OFFICER})
    public PatientDetails find(UUID id) {
        return found(Optional.ofNullable(em.find(Patient.class, id)), "no patient is registered under id " + id);
    }

    @RolesAllowed({StaffRole.Names.CLERK, StaffRole.Names.PHYSICIAN, StaffRole.Names.NURSE,
            StaffRole.Names.PRIVACY_OFFICER})
    public PatientDetails findByMrn(String mrn) {
        String normalised;
        try {
            normalised = PatientRegistration.normaliseMrn(mrn);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(e.getMessage());
        }
        return found(single("mrn", normalised), "no patient is registered under this MRN");
    }

    @RolesAllowed({StaffRole.Names.CLERK, StaffRole.Names.PHYSICIAN, StaffRole.Names.NURSE,
            StaffRole.Names.PRIVACY_OFFICER})
    public PatientDetails findByNationalId(String nationalId) {
        return found(single("pseudonym", pseudonymOf(nationalId).hex()),
                "no patient is registered under this national id");
    }

    /** The patient entity, for other services of this module; not audited (the caller audits its own action). */
    @RolesAllowed({StaffRole.Names.PHYSICIAN, StaffRole.Names.NURSE, StaffRole.Names.PRIVACY_OFFICER})
    public Patient patient(UUID id) {
        Patient patient = em.find(Patient.class, id);
        if (patient == null) {
            throw new PatientNotFoundException("no patient is registered under id " + id);
        }
        return patient;
    }

    private PatientDetails found(Optional<Patient> patient, String notFound) {
        String actor = session.getCallerPrincipal().getName();
        if (patient.isEmpty()) {
            audit.record(actor, "patient.find", null, AuditOutcome.REFUSED, "not found");
            throw new PatientNotFoundException(notFound);
        }
        audit.record(actor, "patient.find", patient.get().id().toString(), AuditOutcome.SUCCEEDED, null);
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
