package org.custodia.ledger.api;

/** The role of a consortium member, with the code the consortium registry stores. */
public enum MemberRole {
    HOSPITAL(1),
    PROXY(2);

    private final int code;

    MemberRole(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /** The role for a registry code; there is none for 0 (not a member) or unknown codes. */
    public static MemberRole ofCode(int code) {
        for (MemberRole role : values()) {
            if (role.code == code) {
                return role;
            }
        }
        throw new IllegalArgumentException("no member role has code " + code + " (HOSPITAL=1, PROXY=2)");
    }
}
