package org.custodia.ledger.deploy;

/** The contracts could not be deployed or the consortium not registered; the message says what to check. */
public class DeploymentException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public DeploymentException(String message) {
        super(message);
    }

    public DeploymentException(String message, Throwable cause) {
        super(message, cause);
    }
}
