package org.custodia.filestore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which directory entries are forced to disk, recorded instead of (besides) forced; the directories are real. */
class DurableDirectoriesTest {

    @TempDir
    Path work;

    private final List<Path> forced = new CopyOnWriteArrayList<>();

    private DurableDirectories directories(Path root) {
        return new DurableDirectories(root, forced::add);
    }

    @Test
    void missingDirectoriesAreCreatedAndEachEntryForcedIntoItsParentOnce() throws IOException {
        Path root = work.resolve("store");
        DurableDirectories directories = directories(root);
        Path fanOut = root.resolve("ab").resolve("cd");

        directories.create(fanOut);
        directories.create(fanOut);
        directories.create(root.resolve("ab").resolve("ef"));

        assertTrue(Files.isDirectory(fanOut));
        assertTrue(Files.isDirectory(root.resolve("ab").resolve("ef")));
        assertEquals(List.of(root, root.resolve("ab"), root.resolve("ab")), forced,
                "ab's entry into the root once, cd's and ef's into ab once each, nothing again");
    }

    /** Its creator (a concurrent write, an earlier process) may have stopped before forcing its entry. */
    @Test
    void aDirectoryThatAlreadyExistsHasItsEntryForcedTheFirstTimeToo() throws IOException {
        Path root = work.resolve("store");
        Path fanOut = Files.createDirectories(root.resolve("ab").resolve("cd"));
        Path kept = Files.writeString(fanOut.resolve("envelope"), "kept");
        DurableDirectories directories = directories(root);

        directories.create(fanOut);
        directories.create(fanOut);

        assertEquals(List.of(root, root.resolve("ab")), forced);
        assertEquals("kept", Files.readString(kept));
    }

    @Test
    void eachInstanceForcesAgainAsANewProcessWould() throws IOException {
        Path root = work.resolve("store");
        directories(root).create(root.resolve("ab"));
        directories(root).create(root.resolve("ab"));
        assertEquals(List.of(root, root), forced);
    }

    @Test
    void directoriesRemovedUnderARunningStoreAreCreatedAndForcedAgain() throws IOException {
        Path root = work.resolve("store");
        DurableDirectories directories = directories(root);
        Path fanOut = root.resolve("ab").resolve("cd");
        directories.create(fanOut);
        forced.clear();

        Files.delete(fanOut);
        Files.delete(fanOut.getParent());
        Files.delete(root);
        directories.create(fanOut);

        assertTrue(Files.isDirectory(fanOut));
        assertTrue(forced.containsAll(List.of(root, root.resolve("ab"))), forced.toString());
    }

    @Test
    void aFileInTheWayAndAPathOutsideTheRootAreRefusedAndNothingIsForced() throws IOException {
        Path root = Files.createDirectories(work.resolve("store"));
        Files.writeString(root.resolve("ab"), "a file where a directory belongs");
        DurableDirectories directories = directories(root);

        assertThrows(FileAlreadyExistsException.class, () -> directories.create(root.resolve("ab")));
        assertThrows(FileAlreadyExistsException.class, () -> directories.create(root.resolve("ab").resolve("cd")));
        IllegalArgumentException outside = assertThrows(IllegalArgumentException.class,
                () -> directories.create(work.resolve("elsewhere")));
        assertTrue(outside.getMessage().contains(root.toString()), outside.getMessage());
        assertEquals(List.of(), forced);
    }
}
