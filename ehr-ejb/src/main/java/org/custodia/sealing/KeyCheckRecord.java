package org.custodia.sealing;

import java.util.Optional;

/**
 * Where the node remembers which key-encryption key its stored keys are wrapped under: the key's
 * {@linkplain KeyEncryptionKey#checkValue() check value}, kept with the wrapped keys (the database), apart from the
 * keystore that holds the key itself.
 */
public interface KeyCheckRecord {

    /** The check value recorded, if one is. */
    Optional<String> recorded();

    /** Records {@code checkValue}; there is at most one, recorded once. */
    void record(String checkValue);

    /**
     * Whether keys wrapped (or re-keys sealed) under some key-encryption key are stored already: on a node from before
     * the record, the one sign that a missing keystore is not a new node's.
     */
    boolean keysStored();
}
