package org.custodia.sealing;

import java.util.Optional;

/**
 * One kind of key the node stores wrapped under its key-encryption key, as a sample to try a keystore on: while the
 * database records no check value yet (a node from before the record), the one way to tell that a keystore holds the
 * key the stored keys need.
 */
public interface WrappedKeySample {

    /** What the sample is, for an operator: "this hospital's own key pair". */
    String kind();

    /**
     * Whether {@code kek} opens one stored key of this kind.
     *
     * @return empty when none is stored
     */
    Optional<Boolean> opensUnder(KeyEncryptionKey kek);
}
