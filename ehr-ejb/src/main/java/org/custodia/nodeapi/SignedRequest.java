package org.custodia.nodeapi;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A received node-to-node request as the verifier sees it.
 *
 * @param method     the request method as received
 * @param targetUri  the full request URI the caller addressed, rebuilt from this node's own configured base URL and
 *                   the request's raw path and query (not from its {@code Host} header), so that a request signed
 *                   for another node does not verify here
 * @param headers    the request's header fields; names match in any letter case
 * @param bodyDigest the digest of the body bytes actually received
 */
public record SignedRequest(String method, String targetUri, Map<String, List<String>> headers,
        ContentDigest bodyDigest) {

    public SignedRequest {
        Objects.requireNonNull(method, "the request method is missing");
        Objects.requireNonNull(targetUri, "the target URI is missing");
        Objects.requireNonNull(bodyDigest, "the digest of the received body is missing");
        headers = caseInsensitiveCopy(Objects.requireNonNull(headers, "the request headers are missing"));
    }

    /** The values of header field {@code name}, in any letter case; empty when the request has none. */
    public List<String> header(String name) {
        return headers.getOrDefault(name, List.of());
    }

    private static Map<String, List<String>> caseInsensitiveCopy(Map<String, List<String>> headers) {
        Map<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.forEach((name, values) -> {
            if (name != null && values != null) {
                List<String> merged = copy.computeIfAbsent(name, key -> new ArrayList<>());
                values.stream().filter(Objects::nonNull).forEach(merged::add);
            }
        });
        copy.replaceAll((name, values) -> List.copyOf(values));
        return Collections.unmodifiableMap(copy);
    }
}
