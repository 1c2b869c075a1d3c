package org.custodia.filestore;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.custodia.kernel.NodeSettings;

/** The node's envelope store, at {@code custodia.filestore.dir} with {@code custodia.filestore.min-free-mb}. */
@ApplicationScoped
public class NodeFileStore {

    private EnvelopeStore store;

    protected NodeFileStore() {
        // for CDI proxies
    }

    @Inject
    public NodeFileStore(NodeSettings settings) {
        this.store = new EnvelopeStore(settings.fileStoreDirectory(),
                settings.fileStoreMinimumFreeMegabytes() * 1024 * 1024);
    }

    public EnvelopeStore envelopes() {
        return store;
    }
}
