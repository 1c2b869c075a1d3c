package org.custodia.ledger.contracts;

import java.nio.charset.StandardCharsets;
import org.web3j.crypto.Hash;

/** 32-byte values for tests: record ids, pseudonyms and hashes derived from a label, and category codes. */
final class Ids {

    static final byte[] ZERO = new byte[32];

    private Ids() {
    }

    /** SHA3 of {@code label}: stands for a record id, a patient pseudonym or an envelope hash. */
    static byte[] id(String label) {
        return Hash.sha3(label.getBytes(StandardCharsets.UTF_8));
    }

    /** A category code: the UTF-8 of {@code name}, left-aligned and zero-padded to 32 bytes. */
    static byte[] category(String name) {
        byte[] code = new byte[32];
        byte[] utf8 = name.getBytes(StandardCharsets.UTF_8);
        System.arraycopy(utf8, 0, code, 0, utf8.length);
        return code;
    }
}
