package org.custodia.kernel;

/**
 * Something the node depends on is missing or not answering: the chain node, the node keystore, a required setting.
 * The message names it (a property, a password alias, a URL), never a secret.
 */
public class DependencyUnavailableException extends ServiceException {

    private static final long serialVersionUID = 1L;

    public DependencyUnavailableException(String message) {
        super(message);
    }

    public DependencyUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public Failure failure() {
        return Failure.UNAVAILABLE;
    }
}
