package org.custodia.node;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
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

import org.custodia.audit.AuditTrail;
import org.custodia.consortium.OwnProfile;
import org.custodia.filestore.NodeFileStore;
import org.custodia.kernel.NodeRole;
import org.custodia.kernel.NodeSettings;
import org.custodia.kernel.ServiceException;
import org.custodia.keys.OwnKeyPairs;
import org.custodia.patients.PatientKeyBinding;
import org.custodia.persistence.SchemaMigration;
import org.custodia.records.OrphanEnvelopeSweep;
import org.custodia.staff.StaffDirectory;

/**
 * Prepares a node: at start-up, before any upload can begin, removes temporary files of envelope writes a crash
 * interrupted; once the database is migrated, on a hospital sets aside the envelopes left without their record
 * ({@link OrphanEnvelopeSweep}), re-wraps key pairs stored before owner binding so they are bound to their owners
 * ({@link PatientKeyBinding}; until then they do not unwrap; once the node keystore records that all are, it re-wraps
 * nothing more), creates the hospital key pair and queues the publication of the hospital's endpoint and key on
 * chain, and on every node writes the audit entries of actions the last stop interrupted
 * ({@link AuditTrail#settleInterrupted}) and creates the first administrator account. The steps are independent; one
 * that cannot run yet (database down, keystore password not configured) is logged in one line and tried again every
 * minute, without failing the deployment or holding up the others.
 */
@Singleton
@Startup
@DependsOn("SchemaMigration")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class NodeBootstrap {

    private static final Logger LOG = Logger.getLogger(NodeBootstrap.class.getName());
    private static final int INTENTS_PER_TRANSACTION = 100;

    @EJB
    private SchemaMigration schema;

    @EJB
    private OwnKeyPairs ownKeyPair;

    @EJB
    private OwnProfile ownProfile;

    @EJB
    private StaffDirectory staff;

    @EJB
    private OrphanEnvelopeSweep orphanEnvelopes;

    @EJB
    private PatientKeyBinding patientKeys;

    @EJB
    private AuditTrail audit;

    @Inject
    private NodeSettings settings;

    @Inject
    private NodeFileStore fileStore;

    private final Set<String> completed = ConcurrentHashMap.newKeySet();
    private final Map<String, String> lastProblems = new ConcurrentHashMap<>();
    private volatile boolean done;

    @PostConstruct
    void atStartup() {
        try {
            int removed = fileStore.envelopes().removeTemporaryFiles();
            if (removed > 0) {
                LOG.info("Removed " + removed + " temporary files of interrupted envelope writes");
            }
        } catch (IOException e) {
            LOG.warning("Cannot remove temporary files of interrupted envelope writes under "
                    + fileStore.envelopes().root() + ": " + e.getMessage());
        }
        prepare();
    }

    @Schedule(hour = "*", minute = "*", persistent = false, info = "node preparation until complete")
    synchronized void prepare() {
        if (done || !schema.ensureMigrated().migrated()) {
            return;
        }
        Map<String, Runnable> steps = new LinkedHashMap<>();
        steps.put("writing the audit entries of actions the last stop interrupted", this::settleInterruptedActions);
        if (settings.role() == NodeRole.HOSPITAL) {
            steps.put("setting aside envelopes no record refers to", orphanEnvelopes::sweep);
            steps.put("binding wrapped keys to their owners", patientKeys::bindAll);
            steps.put("creating the hospital key pair", ownKeyPair::current);
            steps.put("publishing the hospital's endpoint and key on chain", ownProfile::publishOnChain);
        }
        steps.put("creating the first administrator", staff::bootstrapAdministrator);
        boolean complete = true;
        for (Map.Entry<String, Runnable> step : steps.entrySet()) {
            complete &= attempt(step.getKey(), step.getValue());
        }
        done = complete;
    }

    private void settleInterruptedActions() {
        int settled = 0;
        int batch;
        do {
            // intents written before this run began were left by a stop
            batch = audit.settleInterrupted(schema.startedAt(), INTENTS_PER_TRANSACTION);
            settled += batch;
        } while (batch == INTENTS_PER_TRANSACTION);
        if (settled > 0) {
            LOG.warning("The node stopped while " + settled + " audited actions were on their way to the chain: "
                    + "their entries are written now, with outcome unknown; the audit trail lists them, and the chain "
                    + "shows which took effect");
        }
    }

    private boolean attempt(String name, Runnable step) {
        if (completed.contains(name)) {
            return true;
        }
        try {
            step.run();
            completed.add(name);
            return true;
        } catch (EJBException | ServiceException e) {
            String problem = String.valueOf(e.getMessage());
            if (!problem.equals(lastProblems.put(name, problem))) {
                LOG.warning("Node preparation: " + name + " failed (retried every minute): " + problem);
            }
            return false;
        }
    }
}
