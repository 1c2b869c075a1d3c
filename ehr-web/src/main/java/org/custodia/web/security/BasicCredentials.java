package org.custodia.web.security;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

import jakarta.security.enterprise.credential.UsernamePasswordCredential;

/** Reads HTTP Basic credentials (RFC 7617, UTF-8) from an {@code Authorization} header. */
final class BasicCredentials {

    private static final String SCHEME = "basic ";

    private BasicCredentials() {
    }

    /**
     * The credentials, or empty when the header is absent or another scheme.
     *
     * @throws IllegalArgumentException when it is a Basic header that cannot be decoded
     */
    static Optional<UsernamePasswordCredential> parse(String authorization) {
        if (authorization == null || authorization.length() < SCHEME.length()
                || !authorization.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            return Optional.empty();
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(authorization.substring(SCHEME.length()).trim()),
                    StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the Basic credentials are not valid base64");
        }
        int colon = decoded.indexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("the Basic credentials are not username:password");
        }
        return Optional.of(new UsernamePasswordCredential(decoded.substring(0, colon), decoded.substring(colon + 1)));
    }
}
