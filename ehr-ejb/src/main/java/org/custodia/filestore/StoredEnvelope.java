package org.custodia.filestore;

/**
 * An envelope as stored: the key it is found under (its SHA-256, in hex, as the store is content-addressed), its
 * SHA-256 and its size in bytes.
 */
public record StoredEnvelope(String storageKey, byte[] sha256, long size) {

    public StoredEnvelope {
        sha256 = sha256.clone();
    }

    @Override
    public byte[] sha256() {
        return sha256.clone();
    }
}
