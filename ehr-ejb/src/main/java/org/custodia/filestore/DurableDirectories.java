package org.custodia.filestore;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.custodia.kernel.AtomicFiles;

/**
 * The store's directories below its root, so that an envelope published into one cannot vanish in a crash with a
 * directory entry not yet on disk. Each is created if missing, and its entry in its parent forced to disk once per
 * instance (so once per process): also when it already exists, because whoever created it, a concurrent write or
 * an earlier process that stopped in between, may not have forced that entry yet. The root itself is created with
 * {@link AtomicFiles#createDirectories}. A directory removed under a running store is created and forced again.
 * Thread-safe.
 */
final class DurableDirectories {

    /** Forces a directory's entries to disk. */
    @FunctionalInterface
    interface DirectoryForce {
        void force(Path directory) throws IOException;
    }

    private final Path root;
    private final DirectoryForce force;
    private final Set<Path> durable = ConcurrentHashMap.newKeySet();

    DurableDirectories(Path root) {
        this(root, AtomicFiles::forceDirectory);
    }

    /** With the directory force chosen, for tests. */
    DurableDirectories(Path root, DirectoryForce force) {
        this.root = root.toAbsolutePath();
        this.force = force;
    }

    /**
     * Makes {@code directory} (the root or below it) and the directories between it and the root durable.
     *
     * @throws FileAlreadyExistsException if one of them exists and is not a directory
     */
    void create(Path directory) throws IOException {
        Path absolute = directory.toAbsolutePath();
        if (absolute.equals(root)) {
            AtomicFiles.createDirectories(root);
            return;
        }
        if (!absolute.startsWith(root)) {
            throw new IllegalArgumentException(absolute + " is not below the store's root " + root);
        }
        if (durable.contains(absolute) && Files.isDirectory(absolute)) {
            return;
        }
        Path parent = absolute.getParent();
        create(parent);
        AtomicFiles.createDirectory(absolute);
        force.force(parent);
        durable.add(absolute);
    }
}
