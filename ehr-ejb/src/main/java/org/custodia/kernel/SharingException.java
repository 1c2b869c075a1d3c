package org.custodia.kernel;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * Sharing a record between nodes failed in one of the ways both sides name alike: no grant, grant revoked or
 * expired, no re-encryption key yet, custodian or proxy unreachable, integrity failure.
 */
public class SharingException extends ServiceException {

    private static final long serialVersionUID = 1L;

    private static final Set<Failure> SHARING_FAILURES = EnumSet.of(Failure.NO_GRANT, Failure.GRANT_REVOKED,
            Failure.GRANT_EXPIRED, Failure.NO_RE_KEY, Failure.CUSTODIAN_UNREACHABLE, Failure.PROXY_UNREACHABLE,
            Failure.INTEGRITY_FAILURE);

    private final Failure failure;

    public SharingException(Failure failure, String message) {
        this(failure, message, null);
    }

    public SharingException(Failure failure, String message, Throwable cause) {
        super(message, cause);
        if (!SHARING_FAILURES.contains(Objects.requireNonNull(failure, "the failure is missing"))) {
            throw new IllegalArgumentException(failure + " is not a sharing failure");
        }
        this.failure = failure;
    }

    @Override
    public Failure failure() {
        return failure;
    }
}
