package org.custodia.hospital;

import java.time.Clock;
import java.util.logging.Logger;

import jakarta.ejb.Singleton;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import org.custodia.keys.NodeKeys;

/**
 * The node's hospital key pair: created and wrapped the first time it is asked for (normally at start-up), then read
 * from the single {@code hospital} row. A singleton, so two first uses cannot both create it.
 */
@Singleton
public class HospitalIdentity {

    private static final Logger LOG = Logger.getLogger(HospitalIdentity.class.getName());

    @PersistenceContext(unitName = "custodia")
    private EntityManager em;

    @Inject
    private NodeKeys keys;

    private final Clock clock = Clock.systemUTC();

    /** The hospital row, created with a fresh wrapped key pair if there is none yet. */
    public Hospital hospital() {
        Hospital hospital = em.find(Hospital.class, Hospital.THIS_NODE);
        if (hospital == null) {
            hospital = new Hospital(keys.custody().generate(), clock.instant());
            em.persist(hospital);
            LOG.info("Created this hospital's PRE key pair (private key wrapped under the node key-encryption key)");
        }
        return hospital;
    }
}
