package org.custodia.filestore;

/** A stored envelope's bytes no longer hash to the expected value: it was modified or damaged on disk. */
public final class EnvelopeCorruptException extends FileStoreException {

    private static final long serialVersionUID = 1L;

    public EnvelopeCorruptException(String message) {
        super(message);
    }
}
