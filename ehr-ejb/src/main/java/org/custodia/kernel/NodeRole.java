package org.custodia.kernel;

/** What a Custodia node does in the consortium; the same application runs every role. */
public enum NodeRole {
    /** Keeps its own records and patients' keys, shares and receives records. */
    HOSPITAL,
    /** Re-encrypts capsules for grantees; never holds a private key or plaintext. */
    PROXY;

    /** Parses a configured role name ({@code hospital} or {@code proxy}, case-insensitive). */
    public static NodeRole parse(String value) {
        for (NodeRole role : values()) {
            if (role.name().equalsIgnoreCase(value == null ? "" : value.trim())) {
                return role;
            }
        }
        throw new IllegalArgumentException("custodia.node.role must be 'hospital' or 'proxy', not '" + value + "'");
    }
}
