package org.custodia.filestore;

import java.nio.file.Path;

/**
 * The orphan sweep found more old envelopes no record refers to than {@code custodia.filestore.orphan-sweep-limit}
 * allows, and set none of them aside: a crash leaves no more than the writes it interrupted, so that many more likely
 * belong to records the database does not know.
 */
public final class TooManyOrphansException extends FileStoreException {

    private static final long serialVersionUID = 1L;

    /**
     * @param root  the store's directory
     * @param found how many it found before it stopped looking
     * @param limit how many it may set aside at most
     */
    TooManyOrphansException(Path root, int found, int limit) {
        super("found at least " + found + " envelopes under " + root + " that no record refers to, last modified "
                + "longer ago than custodia.filestore.orphan-age: more than custodia.filestore.orphan-sweep-limit ("
                + limit + ") allows, so none was set aside. A crash leaves at most as many as "
                + "custodia.filestore.max-concurrent-writes; this many suggests the database was restored from a "
                + "backup older than the file store, or custodia.filestore.dir points at another node's store. Check "
                + "both; if these envelopes really are orphans, raise custodia.filestore.orphan-sweep-limit above "
                + "their number for one start to let the sweep set them aside, then set it back");
    }
}
