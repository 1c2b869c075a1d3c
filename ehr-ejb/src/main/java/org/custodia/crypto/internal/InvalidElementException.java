package org.custodia.crypto.internal;

/**
 * A group element or scalar failed validation on decode. The API layer turns it into the typed exception that
 * fits the context (a key or a capsule), keeping this message as the detail.
 */
public final class InvalidElementException extends Exception {

    public InvalidElementException(String message) {
        super(message);
    }
}
