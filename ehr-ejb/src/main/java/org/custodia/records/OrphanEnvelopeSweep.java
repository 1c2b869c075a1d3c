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
 * Removes the envelopes no record refers to, older than {@code custodia.filestore.orphan-age}: what a crash between
 * storing an envelope and committing its record left behind. Run once at start-up, once the database is migrated;
 * each batch of keys is looked up in a transaction of its own, none is held while the store is walked.
 *
 * <p>Finding more than {@code custodia.filestore.orphan-sweep-limit} of them, it removes none: the database likely
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
     * Sweeps the store and logs how many envelopes it removed, or why it removed none of too many.
     *
     * @return how many it removed
     * @throws DependencyUnavailableException if the orphan age or the sweep limit is out of range, or the store cannot
     *                                        be walked
     */
    public int sweep() {
        Duration age = fileStore.orphanAge();
        int limit = fileStore.orphanSweepLimit();
        EnvelopeStore envelopes = fileStore.envelopes();
        int removed;
        try {
            removed = envelopes.removeOrphans(clock.instant().minus(age), limit, records::referencedStorageKeys);
        } catch (TooManyOrphansException e) {
            LOG.severe("Start-up sweep of envelopes no record refers to refused: " + e.getMessage());
            return 0;
        } catch (IOException e) {
            throw new DependencyUnavailableException("cannot look for envelopes no record refers to under "
                    + envelopes.root() + ": " + e.getMessage(), e);
        }
        if (removed > 0) {
            LOG.info("Removed " + removed + " envelopes no record refers to, last modified more than " + age
                    + " ago (custodia.filestore.orphan-age), from " + envelopes.root());
        }
        return removed;
    }
}
