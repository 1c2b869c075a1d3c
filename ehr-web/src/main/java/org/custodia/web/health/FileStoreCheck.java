package org.custodia.web.health;

import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.custodia.filestore.NodeFileStore;
import org.eclipse.microprofile.health.Readiness;

/** The encrypted file store's directory exists (or can be created), is writable and has room left. */
@Readiness
@ApplicationScoped
public class FileStoreCheck extends DependencyCheck {

    @Inject
    private NodeFileStore fileStore;

    @Override
    protected String name() {
        return "file-store";
    }

    @Override
    protected String problem() {
        return fileStore.envelopes().writeProblem().orElse(null);
    }

    @Override
    protected Map<String, String> details() {
        return Map.of("directory", fileStore.envelopes().root().toString());
    }
}
