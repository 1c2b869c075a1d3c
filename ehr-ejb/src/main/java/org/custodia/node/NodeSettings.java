package org.custodia.node;

import java.nio.file.Path;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The node's identity and locations, from MicroProfile Config. Defaults are in
 * {@code META-INF/microprofile-config.properties}; a domain overrides them (see server-config).
 */
@ApplicationScoped
public class NodeSettings {

    private String role;
    private String name;
    private String dataDirectory;
    private String fileStoreDirectory;
    private String chainUrl;

    protected NodeSettings() {
        // for CDI proxies
    }

    @Inject
    public NodeSettings(@ConfigProperty(name = "custodia.node.role") String role,
                        @ConfigProperty(name = "custodia.node.name") String name,
                        @ConfigProperty(name = "custodia.data.dir") String dataDirectory,
                        @ConfigProperty(name = "custodia.filestore.dir") String fileStoreDirectory,
                        @ConfigProperty(name = "custodia.chain.url") String chainUrl) {
        this.role = role;
        this.name = name;
        this.dataDirectory = dataDirectory;
        this.fileStoreDirectory = fileStoreDirectory;
        this.chainUrl = chainUrl;
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

    /** JSON-RPC URL of the chain node this node trusts. */
    public String chainUrl() {
        return chainUrl;
    }
}
