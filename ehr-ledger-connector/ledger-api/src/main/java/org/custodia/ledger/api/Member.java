package org.custodia.ledger.api;

import java.io.Serializable;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;

/**
 * A consortium member as registered on chain: its ledger account, role, display name, the endpoint it serves and
 * its PRE public key (encoded; may be empty until published). {@code registeredAt} is null for a member that is
 * about to be registered.
 */
public record Member(LedgerAddress account, MemberRole role, String displayName, URI endpoint, byte[] prePublicKey,
        Instant registeredAt) implements Serializable {

    /** Longest PRE public key encoding the consortium registry stores, in bytes. */
    public static final int MAX_PRE_PUBLIC_KEY = 512;

    /**
     * The scheme under which {@link #endpointOf} keeps an endpoint that is not a URI: no node calls it, so a call to
     * such a member fails as to one that cannot be reached.
     */
    public static final String UNUSABLE_ENDPOINT_SCHEME = "unusable";

    /**
     * A member as the registry holds it. The registry takes any display name and endpoint that is not empty, so they
     * are taken as they are (a blank display name too): what one member registers, by mistake or ill will, must
     * never stop a node from reading the consortium. {@link #toRegister} checks what this node registers.
     */
    public Member {
        Objects.requireNonNull(account, "member account is missing");
        Objects.requireNonNull(role, "member role is missing");
        Objects.requireNonNull(displayName, "member display name is missing");
        Objects.requireNonNull(endpoint, "member endpoint is missing");
        prePublicKey = prePublicKey == null ? new byte[0] : prePublicKey.clone();
        if (prePublicKey.length > MAX_PRE_PUBLIC_KEY) {
            throw new IllegalArgumentException("a PRE public key encoding may have at most " + MAX_PRE_PUBLIC_KEY
                    + " bytes, got " + prePublicKey.length);
        }
    }

    /**
     * A member to register (no registration time yet).
     *
     * @throws IllegalArgumentException if the display name is blank or the key too long
     */
    public static Member toRegister(LedgerAddress account, MemberRole role, String displayName, URI endpoint,
            byte[] prePublicKey) {
        if (displayName == null || displayName.isBlank()) {
            throw new IllegalArgumentException("member display name must not be empty");
        }
        return new Member(account, role, displayName, endpoint, prePublicKey, null);
    }

    /**
     * The endpoint a member registered, as a URI; one that is not an absolute URI is kept, percent-encoded whole, under
     * the scheme {@value #UNUSABLE_ENDPOINT_SCHEME}, so that it can be shown but never called.
     */
    public static URI endpointOf(String registered) {
        try {
            URI endpoint = new URI(registered);
            if (endpoint.isAbsolute()) {
                return endpoint;
            }
        } catch (URISyntaxException e) {
            // kept below, as no node can call it
        }
        return URI.create(UNUSABLE_ENDPOINT_SCHEME + ":"
                + URLEncoder.encode(registered, StandardCharsets.UTF_8).replace("+", "%20"));
    }

    @Override
    public byte[] prePublicKey() {
        return prePublicKey.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Member that && account.equals(that.account) && role == that.role
                && displayName.equals(that.displayName) && endpoint.equals(that.endpoint)
                && Arrays.equals(prePublicKey, that.prePublicKey) && Objects.equals(registeredAt, that.registeredAt);
    }

    @Override
    public int hashCode() {
        return Objects.hash(account, role, displayName, endpoint, Arrays.hashCode(prePublicKey), registeredAt);
    }

    @Override
    public String toString() {
        return "Member[" + account + ", " + role + ", " + displayName + ", " + endpoint + ", PRE key "
                + prePublicKey.length + " bytes]";
    }
}
