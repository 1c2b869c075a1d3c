package org.custodia.kernel;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {

    @TempDir
    Path directory;

    @Test
    void forcesADirectory() {
        assertDoesNotThrow(() -> AtomicFiles.forceDirectory(directory));
    }

    @Test
    void refusesToForceAMissingDirectoryOrAFile() throws IOException {
        Path missing = directory.resolve("missing");
        NoSuchFileException e = assertThrows(NoSuchFileException.class, () -> AtomicFiles.forceDirectory(missing));
        assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("no such directory"), e.getMessage());

        Path file = Files.writeString(directory.resolve("file"), "x");
        assertThrows(NoSuchFileException.class, () -> AtomicFiles.forceDirectory(file));
    }

    @Test
    void createsMissingDirectoriesAndLeavesExistingOnes() throws IOException {
        Path nested = directory.resolve("ab").resolve("cd");
        AtomicFiles.createDirectories(nested);
        assertTrue(Files.isDirectory(nested));

        Path inside = Files.writeString(nested.resolve("envelope"), "kept");
        AtomicFiles.createDirectories(nested);
        assertEquals("kept", Files.readString(inside));
    }

    @Test
    void refusesToCreateADirectoryBelowAFile() throws IOException {
        Path file = Files.writeString(directory.resolve("file"), "x");
        FileAlreadyExistsException e = assertThrows(FileAlreadyExistsException.class,
                () -> AtomicFiles.createDirectories(file.resolve("below")));
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
    }

    @Test
    void publishesANewFileButNeverReplacesOne() throws IOException {
        Path target = directory.resolve("target");
        Path first = Files.writeString(directory.resolve("first.tmp"), "first");
        Path second = Files.writeString(directory.resolve("second.tmp"), "second");

        AtomicFiles.publishNew(first, target);
        assertThrows(FileAlreadyExistsException.class, () -> AtomicFiles.publishNew(second, target));

        assertEquals("first", Files.readString(target));
        assertFalse(Files.exists(first), "the temporary name is gone");
    }

    @Test
    void publishesAFileUnderItsFinalName() throws IOException {
        Path target = directory.resolve("ab").resolve("final");
        AtomicFiles.createDirectories(target.getParent());
        Path temporary = Files.writeString(directory.resolve("temporary"), "content");
        AtomicFiles.publish(temporary, target);
        assertEquals("content", Files.readString(target));
        assertTrue(Files.notExists(temporary));
    }
}
