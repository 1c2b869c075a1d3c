package org.custodia.records;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.logging.Logger;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;

import org.custodia.filestore.EnvelopeStore;
import org.custodia.filestore.NodeFileStore;
import org.custodia.filestore.TooManyOrphansException;
import org.custodia.kernel.DependencyUnavailableException;

/**
 * Sets aside the envelopes no record refers to, older than {@code custodia.filestore.orphan-age}: what a crash between
 * storing an envelope and committing its record left behind, or the only copies of records a database restored from
 * an older backup no longer knows. They go to the store's {@code .orphaned} folder, are never served and never
 * deleted by the node: the operator deletes them once the database is known to be whole. Run once at start-up, once
 * the database is migrated; each batch of keys is looked up in a transaction of its own, none is held while the store
 * is walked.
 *
 * <p>Finding more than {@code custodia.filestore.orphan-sweep-limit} of them, it moves none: the database likely
 * does not know records the store holds. That refusal is logged as SEVERE and the sweep counts as done, so the node
 * starts and serves; retrying could not help, as the limit is read at start-up, and the next start sweeps again.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class OrphanEnvelopeSweep {

    private static final Logger LOG = Logger.getLogger(OrphanEnvelopeSweep.class.getName());

    @EJB
    private RecordStore records;

    @Inject
    private NodeFileStore fileStore;

    private final Clock clock = Clock.systemUTC();

    /**
     * Sweeps the store and logs how many envelopes it set aside, or why it set aside none of too many.
     *
     * @return how many it set aside
     * @throws DependencyUnavailableException if the orphan age or the sweep limit is out of range, or the store cannot
     *                                        be walked
     */
    public int sweep() {
        Duration age = fileStore.orphanAge();
        int limit = fileStore.orphanSweepLimit();
        EnvelopeStore envelopes = fileStore.envelopes();
        int setAside;
        try {
            setAside = envelopes.setAsideOrphans(clock.instant().minus(age), limit, records::referencedStorageKeys);
        } catch (TooManyOrphansException e) {
            LOG.severe("Start-up sweep of envelopes no record refers to refused: " + e.getMessage());
            return 0;
        } catch (IOException e) {
            throw new DependencyUnavailableException("cannot look for envelopes no record refers to under "
                    + envelopes.root() + ": " + e.getMessage(), e);
        }
        if (setAside > 0) {
            LOG.warning("Set aside " + setAside + " envelopes no record refers to, last modified more than " + age
                    + " ago (custodia.filestore.orphan-age), into " + envelopes.orphanFolder() + ": a crash between "
                    + "storing an envelope and committing its record leaves one; so does restoring the database from a "
                    + "backup older than the file store, when they are the only copies of records it lost. Delete "
                    + "them once the database is known to be whole");
        }
        return setAside;
    }
}
