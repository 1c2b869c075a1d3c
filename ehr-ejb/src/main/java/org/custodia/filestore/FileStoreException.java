package org.custodia.filestore;

import java.io.IOException;

/** The encrypted file store could not do what was asked; subtypes say why. */
public class FileStoreException extends IOException {

    private static final long serialVersionUID = 1L;

    public FileStoreException(String message) {
        super(message);
    }

    public FileStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
