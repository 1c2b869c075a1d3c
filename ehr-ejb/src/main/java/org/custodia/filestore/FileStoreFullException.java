package org.custodia.filestore;

/** The file store's disk has too little room left; nothing was stored. Free space or move the store. */
public final class FileStoreFullException extends FileStoreException {

    private static final long serialVersionUID = 1L;

    public FileStoreFullException(String message, Throwable cause) {
        super(message, cause);
    }
}
