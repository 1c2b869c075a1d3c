package org.custodia.patients;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.custodia.keys.WrappedKeyPair;

/**
 * A patient this hospital is custodian for. Only the MRN (the hospital's local identifier) and the pseudonym are
 * stored in clear; name, birth date and national id are sealed under the node's key-encryption key. The patient's
 * PRE key pair is stored wrapped.
 */
@Entity
@Table(name = "patient")
public class Patient {

    @Id
    private UUID id;

    @Column(nullable = false, length = 64, unique = true)
    private String mrn;

    @Column(nullable = false, length = 64, unique = true)
    private String pseudonym;

    @Column(name = "sealed_demographics", nullable = false)
    private byte[] sealedDemographics;

    @Embedded
    private WrappedKeyPair keyPair;

    @Column(name = "registered_at", nullable = false)
    private Instant registeredAt;

    @Column(name = "registered_by", nullable = false, length = 64)
    private String registeredBy;

    protected Patient() {
        // for JPA
    }

    Patient(UUID id, String mrn, Pseudonym pseudonym, byte[] sealedDemographics, WrappedKeyPair keyPair,
            Instant registeredAt, String registeredBy) {
        this.id = id;
        this.mrn = mrn;
        this.pseudonym = pseudonym.hex();
        this.sealedDemographics = sealedDemographics.clone();
        this.keyPair = keyPair;
        this.registeredAt = registeredAt.truncatedTo(ChronoUnit.MICROS);
        this.registeredBy = registeredBy;
    }

    public UUID id() {
        return id;
    }

    public String mrn() {
        return mrn;
    }

    public Pseudonym pseudonym() {
        return Pseudonym.fromHex(pseudonym);
    }

    byte[] sealedDemographics() {
        return sealedDemographics.clone();
    }

    public WrappedKeyPair keyPair() {
        return keyPair;
    }

    /** Replaces the key pair with the same one re-wrapped bound to this patient ({@link PatientKeys}). */
    void rebindKeyPair(WrappedKeyPair ownerBound) {
        this.keyPair = ownerBound;
    }

    public Instant registeredAt() {
        return registeredAt;
    }

    public String registeredBy() {
        return registeredBy;
    }

    @Override
    public String toString() {
        return "Patient[" + id + "]";
    }
}
