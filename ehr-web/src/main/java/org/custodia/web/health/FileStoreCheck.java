package org.custodia.web.health;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.custodia.node.NodeSettings;
import org.eclipse.microprofile.health.Readiness;

/** The encrypted file store's directory exists (or can be created), is writable and has room left. */
@Readiness
@ApplicationScoped
public class FileStoreCheck extends DependencyCheck {

    @Inject
    private NodeSettings settings;

    @Override
    protected String name() {
        return "file-store";
    }

    @Override
    protected String problem() {
        Path directory = settings.fileStoreDirectory();
        if (Files.exists(directory) && !Files.isDirectory(directory)) {
            return directory + " is not a directory (set custodia.filestore.dir to a directory)";
        }
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            return "cannot create " + directory + ": " + e.getMessage();
        }
        if (!Files.isWritable(directory)) {
            return directory + " is not writable by the server's user";
        }
        try {
            long freeMegabytes = Files.getFileStore(directory).getUsableSpace() / (1024 * 1024);
            long minimum = settings.fileStoreMinimumFreeMegabytes();
            if (freeMegabytes < minimum) {
                return "only " + freeMegabytes + " MB free under " + directory + " (minimum " + minimum
                        + " MB, custodia.filestore.min-free-mb)";
            }
        } catch (IOException e) {
            return "cannot read free space of " + directory + ": " + e.getMessage();
        }
        return null;
    }

    @Override
    protected Map<String, String> details() {
        return Map.of("directory", settings.fileStoreDirectory().toString());
    }
}
