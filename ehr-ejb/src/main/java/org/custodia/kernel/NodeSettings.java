package org.custodia.kernel;

import java.nio.file.Path;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The node's identity and locations, from MicroProfile Config. Defaults are in
 * {@code META-INF/microprofile-config.properties}; a domain overrides them (see server-config).
 *
 * <p>Created when the application starts, so that the values are read in the application's own context: callers
 * on server threads outside it (health probes) would otherwise fail to resolve the application's config sources.
 * A change takes effect on the next start.
 */
@ApplicationScoped
public class NodeSettings {

    private String role;
    private String name;
    private String dataDirectory;
    private String fileStoreDirectory;
    private String chainUrl;
    private long fileStoreMinimumFreeMegabytes;

    protected NodeSettings() {
        // for CDI proxies
    }

    @Inject
    public NodeSettings(@ConfigProperty(name = "custodia.node.role") String role,
                        @ConfigProperty(name = "custodia.node.name") String name,
                        @ConfigProperty(name = "custodia.data.dir") String dataDirectory,
                        @ConfigProperty(name = "custodia.filestore.dir") String fileStoreDirectory,
                        @ConfigProperty(name = "custodia.ledger.rpc-url") String chainUrl,
                        @ConfigProperty(name = "custodia.filestore.min-free-mb") long fileStoreMinimumFreeMb) {
        this.role = role;
        this.name = name;
        this.dataDirectory = dataDirectory;
        this.fileStoreDirectory = fileStoreDirectory;
        this.chainUrl = chainUrl;
        this.fileStoreMinimumFreeMegabytes = fileStoreMinimumFreeMb;
    }

    void readAtStartup(@Observes @Initialized(ApplicationScoped.class) Object applicationStarted) {
        // observing the start event creates this bean, and so reads the configuration, in the application's context
    }

    /** The configured role; a wrong value fails with a message naming the property. */
    public NodeRole role() {
        return NodeRole.parse(role);
    }

    public String name() {
        return name;
    }

    public Path dataDirectory() {
        return Path.of(dataDirectory);
    }

    /** Root of the encrypted file store (envelopes only, never plaintext). */
    public Path fileStoreDirectory() {
        return Path.of(fileStoreDirectory);
    }

    /** Below this much free space the file store reports itself not ready. */
    public long fileStoreMinimumFreeMegabytes() {
        return fileStoreMinimumFreeMegabytes;
    }

    /** JSON-RPC URL of the chain node this node trusts. */
    public String chainUrl() {
        return chainUrl;
    }
}
