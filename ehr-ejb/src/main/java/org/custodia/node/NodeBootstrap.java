package org.custodia.node;

import java.io.IOException;
import java.util.logging.Logger;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.EJBException;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;

import org.custodia.filestore.NodeFileStore;
import org.custodia.hospital.HospitalIdentity;
import org.custodia.persistence.SchemaMigration;
import org.custodia.staff.StaffDirectory;

/**
 * Prepares a node once its database is migrated: removes temporary files of envelope writes a crash interrupted,
 * creates the hospital key pair (hospital role) and the first administrator account. A step that cannot run yet
 * (database down, keystore password not configured) is logged in one line and tried again every minute, without
 * failing the deployment.
 */
@Singleton
@Startup
@DependsOn("SchemaMigration")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class NodeBootstrap {

    private static final Logger LOG = Logger.getLogger(NodeBootstrap.class.getName());

    @EJB
    private SchemaMigration schema;

    @EJB
    private HospitalIdentity hospital;

    @EJB
    private StaffDirectory staff;

    @Inject
    private NodeSettings settings;

    @Inject
    private NodeFileStore fileStore;

    private volatile boolean done;
    private volatile String lastProblem = "";

    @PostConstruct
    void atStartup() {
        prepare();
    }

    @Schedule(hour = "*", minute = "*", persistent = false, info = "node bootstrap until complete")
    synchronized void prepare() {
        if (done || !schema.ensureMigrated().migrated()) {
            return;
        }
        try {
            int removed = fileStore.envelopes().removeTemporaryFiles();
            if (removed > 0) {
                LOG.info("Removed " + removed + " temporary files of interrupted envelope writes");
            }
            if (settings.role() == NodeRole.HOSPITAL) {
                hospital.hospital();
            }
            staff.bootstrapAdministrator();
            done = true;
        } catch (IOException | EJBException | ServiceException e) {
            String problem = "node preparation is incomplete (retried every minute): " + e.getMessage();
            if (!problem.equals(lastProblem)) {
                LOG.warning(problem);
            }
            lastProblem = problem;
        }
    }
}
