package org.custodia.sharing;

import java.util.EnumSet;
import java.util.Objects;

import org.custodia.kernel.Failure;
import org.custodia.kernel.ServiceException;

/**
 * The consent registry refused a change, or the entry it names does not exist or is not this node's to change:
 * not found, not allowed (e.g. a declarer reviewing its own emergency access), or in conflict with the entry's
 * state (e.g. a request already decided, an emergency access still active).
 */
public class ConsentRefusedException extends ServiceException {

    private static final long serialVersionUID = 1L;

    private final Failure failure;

    public ConsentRefusedException(Failure failure, String message) {
        super(message);
        if (!EnumSet.of(Failure.NOT_FOUND, Failure.FORBIDDEN, Failure.CONFLICT, Failure.REFUSED)
                .contains(Objects.requireNonNull(failure, "the failure is missing"))) {
            throw new IllegalArgumentException(failure + " is not a consent refusal");
        }
        this.failure = failure;
    }

    @Override
    public Failure failure() {
        return failure;
    }
}
