package org.custodia.filestore;

/**
 * The file store's directory could not be written (not writable by the server, a read-only or lost mount, no
 * inodes left, an I/O error); nothing was stored. The message names the directory and the failure, for operators.
 */
public final class FileStoreUnwritableException extends FileStoreException {

    private static final long serialVersionUID = 1L;

    public FileStoreUnwritableException(String message, Throwable cause) {
        super(message, cause);
    }
}
