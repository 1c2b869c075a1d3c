package org.custodia.ledger.deploy;

/** The consortium configuration file is missing, unreadable or has an invalid entry, named in the message. */
public class ConsortiumConfigException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ConsortiumConfigException(String message) {
        super(message);
    }

    public ConsortiumConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
