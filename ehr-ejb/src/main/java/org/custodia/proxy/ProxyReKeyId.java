package org.custodia.proxy;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Locale;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

import org.custodia.crypto.KeyFingerprint;
import org.custodia.kernel.InvalidInputException;
import org.custodia.ledger.api.LedgerAddress;

/**
 * Which re-key a row holds: the custodian hospital that delivered it, the fingerprint of the owner key it transforms
 * capsules of (a patient's PRE key), and the hospital it re-encrypts for. Addresses are {@code 0x} and 40 lowercase
 * hex digits, the fingerprint 64 lowercase hex digits.
 */
@Embeddable
public record ProxyReKeyId(@Column(name = "custodian", nullable = false, length = 42) String custodian,
        @Column(name = "owner_fingerprint", nullable = false, length = 64) String ownerFingerprint,
        @Column(name = "delegatee", nullable = false, length = 42) String delegatee) implements Serializable {

    private static final String CONTEXT_LABEL = "custodia.proxy.re-key";

    /**
     * The id named by a node API path, normalised.
     *
     * @throws InvalidInputException naming the segment that is not an address or a fingerprint
     */
    public static ProxyReKeyId parse(String custodian, String ownerFingerprint, String delegatee) {
        return new ProxyReKeyId(address(custodian, "custodian"), fingerprint(ownerFingerprint),
                address(delegatee, "delegatee"));
    }

    /**
     * What a sealed re-key is bound to: its row's whole key, so that a sealed value copied to another row does not
     * open there.
     */
    byte[] sealingContext() {
        return (CONTEXT_LABEL + "|" + custodian + "|" + ownerFingerprint + "|" + delegatee)
                .getBytes(StandardCharsets.US_ASCII);
    }

    private static String address(String value, String what) {
        try {
            return LedgerAddress.fromHex(value == null ? "" : value.trim()).toString();
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("the " + what + " must be a ledger address (0x and 40 hex digits)");
        }
    }

    private static String fingerprint(String value) {
        String hex = value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
        if (hex.length() != 2 * KeyFingerprint.LENGTH || !hex.chars().allMatch(HexFormat::isHexDigit)) {
            throw new InvalidInputException("the owner key fingerprint must be " + 2 * KeyFingerprint.LENGTH
                    + " hex digits (the SHA-256 of the owner's PRE public key)");
        }
        return hex;
    }
}
