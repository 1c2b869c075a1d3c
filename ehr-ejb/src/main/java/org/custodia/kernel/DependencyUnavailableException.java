package org.custodia.kernel;

import java.util.Optional;

/**
 * Something the node depends on is missing or not answering: the chain node, the node keystore, a required setting.
 * The message names it (a property, a password alias, a URL), never a secret: it is for operators, and for
 * integration teams, who operate their own side. Staff on the pages read {@link #forStaff()} where the failure has
 * words they can act on (a change that may still take effect, a record not kept although its access was logged), and
 * otherwise only that a service is unavailable.
 */
public class DependencyUnavailableException extends ServiceException implements ForOperators {

    private static final long serialVersionUID = 1L;

    private final String forStaff;

    /** A failure for operators only. */
    public DependencyUnavailableException(String message) {
        this(message, null, null);
    }

    /** A failure for operators only. */
    public DependencyUnavailableException(String message, Throwable cause) {
        this(message, null, cause);
    }

    /**
     * @param message  for operators: what is unavailable, named so that they can find it
     * @param forStaff what staff should know and do, without the operators' details; null when nothing but "a
     *                 service is unavailable"
     */
    public DependencyUnavailableException(String message, String forStaff, Throwable cause) {
        super(message, cause);
        this.forStaff = forStaff;
    }

    @Override
    public Optional<String> forStaff() {
        return Optional.ofNullable(forStaff);
    }

    @Override
    public Failure failure() {
        return Failure.UNAVAILABLE;
    }
}
