package org.custodia.filestore;

/** No envelope is stored under the key: it was deleted or the store root points elsewhere. */
public final class EnvelopeMissingException extends FileStoreException {

    private static final long serialVersionUID = 1L;

    public EnvelopeMissingException(String message) {
        super(message);
    }
}
