package org.custodia.kernel;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Durable publication of a completed temporary file: the file's contents are forced to disk, it is renamed to its
 * final name atomically, and the directory entry is forced too, so after a crash the final name either does not
 * exist or names the complete file.
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

    /** Forces a directory's entries to disk (a no-op where the platform cannot open directories). */
    public static void forceDirectory(Path directory) throws IOException {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            if (!System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).startsWith("windows")) {
                throw e;
            }
        }
    }
}
