package org.custodia.nodeapi;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Where a node's API is reached: the node's public URL followed by {@value #PATH}. For this node the URL is
 * {@code custodia.node.public-url}, which it also publishes on chain as its member endpoint; for another node it is
 * that endpoint. A caller signs the target URI it builds from the callee's endpoint, and the callee rebuilds the
 * target URI of what it received from its own configured URL and the request's raw path and query, never from the
 * {@code Host} header, which the caller chooses: a call signed for another node does not verify here, whatever name
 * it was sent to. Scheme and host compare in lower case and a trailing slash does not count; port and path must be
 * written as published.
 */
public final class NodeApiBase {

    /** The API's path below a node's public URL. */
    public static final String PATH = "node-api/v1";
    /** The response header in which a proxy names the chain transaction that logged a re-encryption it serves. */
    public static final String ACCESS_LOG_HEADER = "Custodia-Access-Log-Transaction";

    private static final Pattern LOOPBACK_V4 = Pattern.compile("127(\\.(25[0-5]|2[0-4]\\d|1?\\d?\\d)){3}");

    private final String base;

    private NodeApiBase(String base) {
        this.base = base;
    }

    /**
     * The API of the node at {@code nodeUrl}, e.g. {@code https://proxy.example.org/custodia}.
     *
     * @throws IllegalArgumentException unless the URL is absolute {@code https} with a host, and has no user
     *                                  information, query or fragment; plain {@code http} only for a node on this host
     *                                  (a loopback address or {@code localhost}), since calls carry record titles
     */
    public static NodeApiBase of(String nodeUrl) {
        Objects.requireNonNull(nodeUrl, "the node's URL is missing");
        URI url;
        try {
            url = new URI(nodeUrl.trim());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("a node's URL must be a valid URI: " + e.getReason(), e);
        }
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("https") || scheme.equals("http")) || url.getHost() == null
                || url.getRawUserInfo() != null || url.getRawQuery() != null || url.getRawFragment() != null) {
            throw new IllegalArgumentException("a node's URL must be an absolute https URL with a host and "
                    + "without user information, query or fragment, such as https://proxy.example.org/custodia");
        }
        if (scheme.equals("http") && !isLoopback(url.getHost())) {
            throw new IllegalArgumentException("a node's URL must be https unless the node is on this host "
                    + "(localhost, 127.0.0.0/8 or ::1): over plain http the calls between nodes, record titles "
                    + "among them, would cross the network in the clear; " + url.getHost() + " is not such a host");
        }
        return new NodeApiBase(scheme + "://" + url.getHost().toLowerCase(Locale.ROOT)
                + (url.getPort() == -1 ? "" : ":" + url.getPort()) + withoutTrailingSlashes(url.getRawPath()) + "/"
                + PATH);
    }

    /**
     * The target URI of a call to this API.
     *
     * @param rawPath  the path below the API, percent-encoded, starting with {@code /} (or empty for the API's base)
     * @param rawQuery the query, percent-encoded, without {@code ?}; null or empty for none
     */
    public String targetUri(String rawPath, String rawQuery) {
        Objects.requireNonNull(rawPath, "the path below the node API is missing");
        if (!rawPath.isEmpty() && !rawPath.startsWith("/")) {
            throw new IllegalArgumentException("a path below the node API starts with /");
        }
        return base + rawPath + (rawQuery == null || rawQuery.isEmpty() ? "" : "?" + rawQuery);
    }

    /**
     * The target URI of a request this node received, rebuilt from this base: the request's raw path below the API
     * and its raw query. The authority of the URIs the server built (from the {@code Host} header) is not used.
     *
     * @param receivedApiBase the API's base URI as the server saw the request (its path ends in {@value #PATH})
     * @param receivedRequest the request URI as the server saw it
     * @throws IllegalArgumentException when the request's path is not below {@code receivedApiBase}'s
     */
    public String rebuiltTargetUri(URI receivedApiBase, URI receivedRequest) {
        String apiPath = withoutTrailingSlashes(receivedApiBase.getRawPath());
        String path = receivedRequest.getRawPath() == null ? "" : receivedRequest.getRawPath();
        if (!path.startsWith(apiPath) || (path.length() > apiPath.length() && path.charAt(apiPath.length()) != '/')) {
            throw new IllegalArgumentException("the request's path is not below the node API's base " + apiPath);
        }
        return targetUri(path.substring(apiPath.length()), receivedRequest.getRawQuery());
    }

    /** The API's base URL, e.g. {@code https://proxy.example.org/custodia/node-api/v1}. */
    @Override
    public String toString() {
        return base;
    }

    /** Whether {@code host} (as {@link URI#getHost()} gives it) names this host, without asking any name service. */
    private static boolean isLoopback(String host) {
        String name = host.toLowerCase(Locale.ROOT);
        if (name.equals("localhost") || LOOPBACK_V4.matcher(name).matches()) {
            return true;
        }
        if (name.startsWith("[") && name.endsWith("]")) {
            try {
                // a literal address: parsed, not looked up
                return InetAddress.getByName(name.substring(1, name.length() - 1)).isLoopbackAddress();
            } catch (UnknownHostException e) {
                return false;
            }
        }
        return false;
    }

    private static String withoutTrailingSlashes(String rawPath) {
        String path = rawPath == null ? "" : rawPath;
        while (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        return path;
    }
}
