package org.custodia.ledger.api;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A record category code, used by category-scoped consent. The codes are a closed list of document kinds (never a
 * diagnosis or a specialty that would hint at one), the same as the record registry's ({@code Categories.sol}):
 * any other code is refused here before anything is sent, and by the contracts ({@code InvalidCategory}). On chain
 * a code is its UTF-8 bytes, left-aligned and zero-padded to 32 bytes.
 */
public record Category(String code) implements Serializable {

    /** Longest code in UTF-8 bytes. */
    public static final int MAX_BYTES = 32;

    /** Every category code, in the order the record registry lists them. */
    public static final List<String> CODES = List.of("laboratory", "imaging", "pathology", "discharge",
            "clinical-note", "referral", "medication", "immunization", "allergy", "procedure", "patient-summary",
            "other");

    public Category {
        if (code == null || code.isBlank()) {
            throw new IllegalArgumentException("a record category code must not be empty");
        }
        if (!CODES.contains(code)) {
            throw new IllegalArgumentException("that record category is not one of the consortium's codes: "
                    + String.join(", ", CODES));
        }
    }

    /** All categories, in the order of {@link #CODES}. */
    public static List<Category> all() {
        return CODES.stream().map(Category::new).toList();
    }

    /** The 32-byte form stored on chain. */
    public Bytes32 toBytes32() {
        byte[] padded = new byte[Bytes32.LENGTH];
        byte[] text = code.getBytes(StandardCharsets.UTF_8);
        System.arraycopy(text, 0, padded, 0, text.length);
        return Bytes32.of(padded);
    }

    /** Reads the 32-byte form back; trailing zero bytes end the code. */
    public static Category fromBytes32(Bytes32 value) {
        byte[] bytes = value.toBytes();
        int length = 0;
        while (length < bytes.length && bytes[length] != 0) {
            length++;
        }
        return new Category(new String(bytes, 0, length, StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return code;
    }
}
