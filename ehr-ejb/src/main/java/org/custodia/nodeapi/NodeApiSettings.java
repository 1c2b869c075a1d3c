package org.custodia.nodeapi;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.custodia.kernel.DependencyUnavailableException;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The node API's settings, from MicroProfile Config (defaults in {@code META-INF/microprofile-config.properties}).
 * Read when the application starts, in its own context, like {@link org.custodia.kernel.NodeSettings}. A URL or a
 * number out of range fails the node calls that need it (503, naming the property), not the deployment; a window or
 * body limit that is not a number at all stops the application's start (MicroProfile Config converts it then).
 */
@ApplicationScoped
public class NodeApiSettings {

    static final String PUBLIC_URL = "custodia.node.public-url";
    static final String SIGNATURE_WINDOW = "custodia.node-api.signature-window-seconds";
    static final String MAX_SIGNED_BODY = "custodia.node-api.max-signed-body-bytes";

    /** Largest signed body that may be configured: bodies are held in memory while their digest is checked. */
    static final int MAX_SIGNED_BODY_LIMIT = 16 * 1024 * 1024;

    private String publicUrl;
    private long signatureWindowSeconds;
    private long maxSignedBodyBytes;

    protected NodeApiSettings() {
        // for CDI proxies
    }

    @Inject
    public NodeApiSettings(@ConfigProperty(name = PUBLIC_URL) String publicUrl,
                           @ConfigProperty(name = SIGNATURE_WINDOW) long signatureWindowSeconds,
                           @ConfigProperty(name = MAX_SIGNED_BODY) long maxSignedBodyBytes) {
        this.publicUrl = publicUrl;
        this.signatureWindowSeconds = signatureWindowSeconds;
        this.maxSignedBodyBytes = maxSignedBodyBytes;
    }

    void readAtStartup(@Observes @Initialized(ApplicationScoped.class) Object applicationStarted) {
        // observing the start event creates this bean, and so reads the configuration, in the application's context
    }

    /**
     * This node's API, at the URL other members reach the node at (its member endpoint on chain). The target URI of
     * a received call is rebuilt from it, never from the request's {@code Host} header.
     *
     * @throws DependencyUnavailableException naming the property when it is not an acceptable URL
     */
    public NodeApiBase ownApi() {
        try {
            return NodeApiBase.of(publicUrl);
        } catch (IllegalArgumentException e) {
            throw new DependencyUnavailableException(PUBLIC_URL + " is not this node's public URL: "
                    + e.getMessage(), e);
        }
    }

    /**
     * How far a call's {@code created} may lie from this node's clock, either way.
     *
     * @throws DependencyUnavailableException naming the property when it is not positive
     */
    public Duration signatureWindow() {
        if (signatureWindowSeconds <= 0) {
            throw new DependencyUnavailableException(SIGNATURE_WINDOW + " must be a positive number of seconds, not "
                    + signatureWindowSeconds);
        }
        return Duration.ofSeconds(signatureWindowSeconds);
    }

    /**
     * The largest signed request body a node API endpoint reads into memory to check its digest; a larger one is
     * refused (413).
     *
     * @throws DependencyUnavailableException naming the property when it is not between 1 and 16 MiB
     */
    public int maxSignedBodyBytes() {
        if (maxSignedBodyBytes <= 0 || maxSignedBodyBytes > MAX_SIGNED_BODY_LIMIT) {
            throw new DependencyUnavailableException(MAX_SIGNED_BODY + " must be between 1 and "
                    + MAX_SIGNED_BODY_LIMIT + " bytes, not " + maxSignedBodyBytes);
        }
        return (int) maxSignedBodyBytes;
    }
}
