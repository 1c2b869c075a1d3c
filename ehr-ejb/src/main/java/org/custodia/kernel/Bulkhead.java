package org.custodia.kernel;

import java.util.concurrent.Semaphore;
import java.util.function.Supplier;

/**
 * At most a given number of some costly work running at once on this node; one more is refused at once with the
 * owner's {@link BusyException}, rather than waiting for a turn: a wait would hold a request thread too.
 */
public final class Bulkhead {

    private final Semaphore slots;
    private final Supplier<? extends BusyException> refusal;

    /**
     * @param limitName what sets the limit, for the refusal of one below 1 (a setting's name)
     * @param limit     how many may run at once, at least 1
     * @param refusal   what one more is refused with
     */
    public Bulkhead(String limitName, int limit, Supplier<? extends BusyException> refusal) {
        if (limit < 1) {
            throw new IllegalArgumentException(limitName + " must be at least 1, not " + limit);
        }
        this.slots = new Semaphore(limit);
        this.refusal = refusal;
    }

    /**
     * Runs {@code work} in a slot, given back when it ends however it ends.
     *
     * @throws BusyException the owner's refusal, if every slot is taken
     */
    public <T> T run(Supplier<T> work) {
        if (!slots.tryAcquire()) {
            throw refusal.get();
        }
        try {
            return work.get();
        } finally {
            slots.release();
        }
    }
}
