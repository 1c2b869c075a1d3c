package org.custodia.ledger.api;

import java.net.URI;
import java.net.URISyntaxException;

/**
 * How a chain node's RPC URL is shown in messages, logs and health details: its scheme, host and port only. The
 * configured URL may carry a credential (a user and password, or an access token in its path or query, as API
 * gateways in front of a node take them), and none of that may reach a log, an error or a health probe.
 */
public final class ChainNodeUrl {

    private ChainNodeUrl() {
    }

    /**
     * {@code scheme://host[:port]} of {@code url}, followed by {@code /...} when it has a path, query or fragment,
     * which are not shown.
     */
    public static String shown(String url) {
        if (url == null || url.isBlank()) {
            return "(no URL configured)";
        }
        URI uri;
        try {
            uri = new URI(url.strip());
        } catch (URISyntaxException e) {
            return "(not a valid URL)";  // the parser's message quotes the URL
        }
        if (uri.getScheme() == null || uri.getHost() == null) {
            return "(not an absolute URL with a host)";
        }
        StringBuilder shown = new StringBuilder(uri.getScheme()).append("://").append(uri.getHost());
        if (uri.getPort() >= 0) {
            shown.append(':').append(uri.getPort());
        }
        String path = uri.getRawPath();
        if ((path != null && !path.isEmpty() && !path.equals("/")) || uri.getRawQuery() != null
                || uri.getRawFragment() != null) {
            shown.append("/...");
        }
        return shown.toString();
    }
}
