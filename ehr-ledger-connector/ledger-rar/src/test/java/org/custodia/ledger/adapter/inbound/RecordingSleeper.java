package org.custodia.ledger.adapter.inbound;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * A {@link Sleeper} for tests: records every wait a subscription asks for and runs a hook on the worker thread
 * between two rounds (where a test injects or clears a fault), but waits at most {@link #PACE_MILLIS} instead of
 * the requested time, so back-off costs no real time.
 */
final class RecordingSleeper implements Sleeper {

    static final long PACE_MILLIS = 5;

    private final List<Duration> waits = new CopyOnWriteArrayList<>();
    private volatile Consumer<Duration> hook = wait -> {
    };

    /** Runs {@code hook} with each requested wait, before it. */
    void onSleep(Consumer<Duration> hook) {
        this.hook = hook;
    }

    /** Every wait requested so far, in order. */
    List<Duration> waits() {
        return List.copyOf(waits);
    }

    @Override
    public void sleep(Duration duration) throws InterruptedException {
        waits.add(duration);
        hook.accept(duration);
        Thread.sleep(Math.min(duration.toMillis(), PACE_MILLIS));
    }
}
