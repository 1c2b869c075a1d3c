package org.custodia.filestore;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The free space that envelope writes in progress have claimed but not written yet, so that writes running
 * together cannot take the disk below the minimum: each write holds a {@link Reservation} that it grows a chunk at a
 * time as it writes, and a write that would not fit is refused before its bytes reach the disk. Thread-safe.
 */
final class SpaceReservations {

    /** The bytes usable on the store's file system now. */
    @FunctionalInterface
    interface UsableSpace {
        long bytes() throws IOException;
    }

    private static final long MEGABYTE = 1024 * 1024;

    private final Path root;
    private final long minimumFreeBytes;
    private final long chunkBytes;
    private final UsableSpace usableSpace;
    private long reserved;

    /**
     * @param minimumFreeBytes a write is refused when less than this would remain free
     * @param chunkBytes       how much a write claims at a time
     */
    SpaceReservations(Path root, long minimumFreeBytes, long chunkBytes, UsableSpace usableSpace) {
        if (chunkBytes <= 0) {
            throw new IllegalArgumentException("a reservation chunk must be positive, not " + chunkBytes);
        }
        this.root = root;
        this.minimumFreeBytes = minimumFreeBytes;
        this.chunkBytes = chunkBytes;
        this.usableSpace = usableSpace;
    }

    /**
     * A reservation of the first chunk of a new write; the writer closes it when done, written or not.
     *
     * @throws FileStoreFullException if the chunk does not fit
     */
    Reservation reserve() throws FileStoreException {
        Reservation reservation = new Reservation();
        reservation.cover(0, 1);
        return reservation;
    }

    /**
     * Refuses when less than the minimum would remain free once {@code needed} more bytes and what writes in
     * progress claimed are written.
     *
     * @param cause the write failure that prompted the check, if any
     * @throws FileStoreFullException if it would
     */
    synchronized void require(long needed, IOException cause) throws FileStoreException {
        long usable;
        try {
            usable = usableSpace.bytes();
        } catch (IOException e) {
            throw new FileStoreException("cannot read the free space of the file store at " + root, e);
        }
        if (usable - reserved - needed < minimumFreeBytes) {
            String claimed = reserved > 0 ? ", " + reserved / MEGABYTE + " MB of it claimed by writes in progress" : "";
            String wanted = needed > 0 ? ", and this write needs " + needed / MEGABYTE + " MB more" : "";
            throw new FileStoreFullException("the file store at " + root + " has " + usable / MEGABYTE + " MB free"
                    + claimed + wanted + ": less than the minimum of " + minimumFreeBytes / MEGABYTE
                    + " MB (custodia.filestore.min-free-mb) would remain; free space or move the store", cause);
        }
    }

    /** The free space one write claimed and has not written yet. */
    final class Reservation implements AutoCloseable {

        private long held;
        private long limit;
        private FileStoreException refusal;

        private Reservation() {
        }

        /** How many bytes the write may reach before it must {@link #cover} more. */
        long limit() {
            return limit;
        }

        /**
         * Claims room for the write to reach {@code total} bytes, in whole chunks. What it held before is released:
         * its {@code written} bytes are on the file system, counted in its free space.
         *
         * @throws FileStoreFullException if the room does not fit; every later call throws the same refusal
         */
        void cover(long written, long total) throws FileStoreException {
            if (refusal != null) {
                throw refusal;
            }
            long bytes = Math.max(1, (total - written + chunkBytes - 1) / chunkBytes) * chunkBytes;
            synchronized (SpaceReservations.this) {
                reserved -= held;
                held = 0;
                try {
                    require(bytes, null);
                } catch (FileStoreException e) {
                    refusal = e;
                    throw e;
                }
                reserved += bytes;
                held = bytes;
            }
            limit = written + bytes;
        }

        /** The refusal this reservation ended with, if it did. */
        FileStoreException refusal() {
            return refusal;
        }

        @Override
        public void close() {
            synchronized (SpaceReservations.this) {
                reserved -= held;
                held = 0;
            }
        }
    }
}
