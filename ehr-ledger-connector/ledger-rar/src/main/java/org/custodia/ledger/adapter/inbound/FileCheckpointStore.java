package org.custodia.ledger.adapter.inbound;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Pattern;

import org.custodia.ledger.api.Bytes32;

/**
 * Checkpoints as small files in one directory of the node ({@code <name>.checkpoint}). A checkpoint is written to
 * a temporary file, forced to disk, and renamed over the old one atomically (then the directory is forced), so a
 * crash leaves either the old or the new checkpoint, never a torn one.
 */
public final class FileCheckpointStore {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,100}");

    private final Path directory;

    public FileCheckpointStore(Path directory) {
        this.directory = directory;
    }

    /** The checkpoint file of one subscription. */
    public CheckpointFile forName(String name) {
        if (name == null || !NAME.matcher(name).matches() || name.startsWith(".")) {
            throw new IllegalArgumentException("checkpoint name '" + name
                    + "' must be 1-100 letters, digits, dots, dashes or underscores and not start with a dot");
        }
        return new CheckpointFile(name, directory.resolve(name + ".checkpoint"));
    }

    /** One subscription's checkpoint file. */
    public static final class CheckpointFile {

        private final String name;
        private final Path file;

        CheckpointFile(String name, Path file) {
            this.name = name;
            this.file = file;
        }

        /** The subscription's checkpoint name. */
        public String name() {
            return name;
        }

        public Path path() {
            return file;
        }

        public Optional<Checkpoint> load() {
            if (!Files.exists(file)) {
                return Optional.empty();
            }
            Properties values = new Properties();
            try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                values.load(reader);
                return Optional.of(new Checkpoint(Long.parseLong(values.getProperty("block")),
                        Integer.parseInt(values.getProperty("logIndex")),
                        Bytes32.fromHex(values.getProperty("blockHash"))));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read event checkpoint " + file + " (" + e
                        + "); make it readable by the server", e);
            } catch (RuntimeException e) {
                throw new IllegalStateException("event checkpoint " + file + " is damaged (" + e.getMessage()
                        + "); restore it or delete it to start from the configured start block", e);
            }
        }

        public void save(Checkpoint checkpoint) {
            Properties values = new Properties();
            values.setProperty("block", Long.toString(checkpoint.blockNumber()));
            values.setProperty("logIndex", Integer.toString(checkpoint.logIndex()));
            values.setProperty("blockHash", checkpoint.blockHash().toString());
            StringWriter text = new StringWriter();
            try {
                values.store(text, "last delivered ledger event");
                Files.createDirectories(file.getParent());
                Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
                try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE,
                        StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                    channel.write(ByteBuffer.wrap(text.toString().getBytes(StandardCharsets.UTF_8)));
                    channel.force(true);
                }
                try {
                    Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    throw new IOException("the checkpoint directory " + file.getParent()
                            + " does not support atomic renames; put it on a local file system", e);
                }
                try (FileChannel dir = FileChannel.open(file.getParent(), StandardOpenOption.READ)) {
                    dir.force(true);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write event checkpoint " + file + " (" + e + "); make "
                        + file.getParent() + " a writable directory with free space", e);
            }
        }
    }
}
