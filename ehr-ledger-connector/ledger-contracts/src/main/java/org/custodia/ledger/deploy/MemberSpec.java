package org.custodia.ledger.deploy;

import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;

/**
 * A member to register: its ledger account (hex address), role, display name, endpoint URL and PRE public key
 * (empty when the member publishes it later). Equality ignores the letter case of the address.
 */
public record MemberSpec(String account, MemberRole role, String displayName, String endpoint,
                         byte[] prePublicKey) {

    public MemberSpec {
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(displayName, "displayName");
        Objects.requireNonNull(endpoint, "endpoint");
        prePublicKey = prePublicKey == null ? new byte[0] : prePublicKey.clone();
    }

    @Override
    public byte[] prePublicKey() {
        return prePublicKey.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof MemberSpec that && account.equalsIgnoreCase(that.account) && role == that.role
                && displayName.equals(that.displayName) && endpoint.equals(that.endpoint)
                && Arrays.equals(prePublicKey, that.prePublicKey);
    }

    @Override
    public int hashCode() {
        return Objects.hash(account.toLowerCase(Locale.ROOT), role, displayName, endpoint,
                Arrays.hashCode(prePublicKey));
    }

    @Override
    public String toString() {
        return "MemberSpec[" + role + " " + account + " '" + displayName + "' " + endpoint + "]";
    }
}
