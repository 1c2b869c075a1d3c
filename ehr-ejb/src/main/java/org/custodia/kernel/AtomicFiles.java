package org.custodia.kernel;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Durable publication of a completed temporary file: the file's contents are forced to disk, it is renamed to its
 * final name atomically, and the directory entry is forced too, so after a crash the final name either does not
 * exist or names the complete file. Directories created on the way there are made durable the same way.
 */
public final class AtomicFiles {

    private AtomicFiles() {
    }

    /** Forces {@code temporary} to disk, then renames it to {@code target} (same file system) and forces the directory. */
    public static void publish(Path temporary, Path target) throws IOException {
        try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
            channel.force(true);
        }
        try {
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("cannot rename " + temporary + " to " + target
                    + " atomically: both must be on the same file system", e);
        }
        forceDirectory(target.toAbsolutePath().getParent());
    }

    /**
     * As {@link #publish}, but never replacing a file at {@code target}: the file is linked under its final name, which
     * fails if something is there already (another process publishing at the same time), and the temporary name is
     * then removed. On a file system without hard links (FAT, some network shares), it is renamed if nothing is there
     * when it looks, which leaves a moment for another process to publish first and be replaced.
     *
     * @throws FileAlreadyExistsException if {@code target} exists; it is left as it was
     */
    public static void publishNew(Path temporary, Path target) throws IOException {
        try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
            channel.force(true);
        }
        try {
            Files.createLink(target, temporary);
            Files.deleteIfExists(temporary); // another process's clean-up may have removed it already
        } catch (FileAlreadyExistsException e) {
            throw e;
        } catch (UnsupportedOperationException | FileSystemException e) {
            if (Files.exists(target)) {
                throw new FileAlreadyExistsException(target.toString());
            }
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
        }
        forceDirectory(target.toAbsolutePath().getParent());
    }

    /**
     * Creates {@code directory} and its missing parents, forcing the parent's entry of each one to disk, so that a
     * file published into it afterwards cannot vanish with a directory a crash forgot.
     *
     * @throws FileAlreadyExistsException if the path or one of its parents exists and is not a directory
     */
    public static void createDirectories(Path directory) throws IOException {
        Path absolute = directory.toAbsolutePath();
        if (Files.isDirectory(absolute)) {
            return;
        }
        Path parent = absolute.getParent();
        if (parent != null) {
            createDirectories(parent);
        }
        createDirectory(absolute); // a concurrent caller may have created it and not yet forced the parent
        if (parent != null) {
            forceDirectory(parent);
        }
    }

    /**
     * Creates one directory in an existing parent, unless there is a directory already; forces nothing.
     *
     * @throws FileAlreadyExistsException if the path exists and is not a directory
     */
    public static void createDirectory(Path directory) throws IOException {
        try {
            Files.createDirectory(directory);
        } catch (FileAlreadyExistsException e) {
            if (!Files.isDirectory(directory)) {
                throw e;
            }
        }
    }

    /**
     * Forces a directory's entries to disk (a no-op where the platform cannot open directories).
     *
     * @throws NoSuchFileException if there is no directory at that path
     */
    public static void forceDirectory(Path directory) throws IOException {
        if (!Files.isDirectory(directory)) {
            throw new NoSuchFileException(directory.toString(), null, "no such directory to force to disk");
        }
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            if (!System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).startsWith("windows")) {
                throw e;
            }
        }
    }
}
