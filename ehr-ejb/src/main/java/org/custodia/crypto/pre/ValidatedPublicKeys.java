package org.custodia.crypto.pre;

import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Map;

import org.custodia.crypto.InvalidKeyMaterialException;

/**
 * Public keys already decoded and validated, by their exact encoding. Validating a key costs about one and a half
 * pairings (both points' subgroup checks and {@code e(A1, g2) == e(g1, A2)}), and a node decodes the same few keys
 * again and again: a patient's on every upload, its own on every download and retrieval. A key is public and its
 * validity depends on its bytes alone, so the result may be kept; an encoding that fails validation is never kept
 * and fails again each time. Holds the {@code capacity} most recently used keys. Thread-safe.
 */
final class ValidatedPublicKeys {

    /** Room for every patient key of a busy day's uploads and downloads; about 1 KiB of heap a key. */
    static final int DEFAULT_CAPACITY = 4096;

    private final Map<ByteBuffer, AfghPublicKey> keys;

    ValidatedPublicKeys(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive: " + capacity);
        }
        this.keys = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<ByteBuffer, AfghPublicKey> eldest) {
                return size() > capacity;
            }
        };
    }

    /** The key {@code encoded} encodes, decoded and validated once for as long as it stays among the kept keys. */
    AfghPublicKey decode(byte[] encoded) throws InvalidKeyMaterialException {
        ByteBuffer id = ByteBuffer.wrap(encoded.clone());
        synchronized (keys) {
            AfghPublicKey known = keys.get(id);
            if (known != null) {
                return known;
            }
        }
        // validated outside the lock: two threads may validate the same new key once each, nobody waits on a pairing
        AfghPublicKey validated = AfghPublicKey.decode(encoded);
        synchronized (keys) {
            keys.putIfAbsent(id, validated);
        }
        return validated;
    }
}
