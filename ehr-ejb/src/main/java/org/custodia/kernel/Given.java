package org.custodia.kernel;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * A field of a request as a channel read it: its value, or why it has none. A channel (REST, SOAP, a page) reads the
 * field as its format requires but does not refuse it; the audited service takes the value once the caller's roles
 * allow the action ({@link #value()}), so a malformed field is refused and audited there, as any other refusal, and a
 * caller without the role is refused for that first. As an audit subject it is the value, never the text sent (a
 * national id typed into a patient id field must not reach the audit trail).
 *
 * @param <T> the field's type
 */
public final class Given<T> {

    private final T value;
    private final String problem;

    private Given(T value, String problem) {
        this.value = value;
        this.problem = problem;
    }

    /** A field read; {@code null} when the request left it out and that is allowed. */
    public static <T> Given<T> of(T value) {
        return new Given<>(value, null);
    }

    /**
     * The field {@code read} gives, or its {@link IllegalArgumentException}'s message as the refusal {@link #value()}
     * gives: {@code read} names the field and what it must be in it, never the text sent.
     */
    public static <T> Given<T> read(Supplier<T> read) {
        try {
            return of(read.get());
        } catch (IllegalArgumentException e) {
            return new Given<>(null, Objects.requireNonNullElse(e.getMessage(), "a field is malformed"));
        }
    }

    /**
     * The value.
     *
     * @throws InvalidInputException if the channel could not read the field
     */
    public T value() {
        if (problem != null) {
            throw new InvalidInputException(problem);
        }
        return value;
    }

    /** The value as text; {@code "(unreadable)"} when the channel could not read it, {@code "(none)"} when left out. */
    @Override
    public String toString() {
        return problem != null ? "(unreadable)" : value == null ? "(none)" : value.toString();
    }
}
