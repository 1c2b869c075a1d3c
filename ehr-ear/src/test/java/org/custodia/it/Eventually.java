package org.custodia.it;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Waits for what nodes do in the background (anchoring, chain events, the outbox, re-keys reaching the proxy): asks
 * again at a fixed interval until the answer satisfies a condition, and fails once the time is up, naming what it
 * waited for and the last answer (an HTTP answer as its status and body).
 */
final class Eventually {

    private final Duration within;
    private final Duration every;
    private final String what;

    private Eventually(Duration within, Duration every, String what) {
        this.within = within;
        this.every = every;
        this.what = what;
    }

    /** A wait of at most {@code within} for {@code what}, asking every {@code every}. */
    static Eventually within(Duration within, Duration every, String what) {
        return new Eventually(within, every, what);
    }

    /** The first answer of {@code call} that satisfies {@code done}; a call that throws ends the wait at once. */
    <T> T until(Supplier<T> call, Predicate<? super T> done) {
        return poll(call::get, done, false);
    }

    /**
     * The first answer of {@code call} that satisfies {@code done}; a call that throws counts as not yet (a fault while
     * a consent change is still on its way), and the last failure is reported if time runs out.
     */
    <T> T untilAnswered(Callable<T> call, Predicate<? super T> done) {
        return poll(call, done, true);
    }

    private <T> T poll(Callable<T> call, Predicate<? super T> done, boolean faultsAreNotYet) {
        Instant deadline = Instant.now().plus(within);
        while (true) {
            Object last;
            try {
                T answer = call.call();
                if (done.test(answer)) {
                    return answer;
                }
                last = answer;
            } catch (Exception fault) {
                if (!faultsAreNotYet) {
                    throw fault instanceof RuntimeException runtime ? runtime : new IllegalStateException(fault);
                }
                last = fault;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("not within " + within + ": " + what + "; last answer " + shown(last));
            }
            TestServer.sleep(every);
        }
    }

    private static String shown(Object answer) {
        if (answer instanceof HttpResponse<?> response) {
            return response.statusCode() + " " + response.body();
        }
        return String.valueOf(answer);
    }
}
