package org.custodia.kernel;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class SenderRateTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void nothingIsJudgedWithinTheGracePeriodOfWaiting() {
        SenderRate rate = new SenderRate(Duration.ofSeconds(30));
        rate.waited(30 * SECOND);
        assertFalse(rate.tooSlow(0), "30 s of waiting is the grace period itself");
        rate.waited(1);
        assertTrue(rate.tooSlow(0));
    }

    @Test
    void aSpanIsJudgedByItsAverage() {
        SenderRate slow = new SenderRate(Duration.ofSeconds(30));
        slow.waited(40 * SECOND);
        assertTrue(slow.tooSlow(40 * 1024 - 1));
        assertTrue(slow.shortfall(40 * 1024 - 1).contains((40 * 1024 - 1) + " bytes in 40000 ms"),
                slow.shortfall(40 * 1024 - 1));

        SenderRate fast = new SenderRate(Duration.ofSeconds(30));
        fast.waited(40 * SECOND);
        assertFalse(fast.tooSlow(40 * 1024));
    }

    /** A sender that sends a lot at once, then a byte now and then, is judged on the trickle once a span has passed. */
    @Test
    void bytesSentEarlyDoNotBuyATrickleLater() {
        SenderRate rate = new SenderRate(Duration.ofSeconds(30));
        rate.waited(31 * SECOND);
        assertFalse(rate.tooSlow(100 * 1024 * 1024), "100 MiB in 31 s");
        rate.waited(31 * SECOND);
        assertTrue(rate.tooSlow(100 * 1024 * 1024 + 10), "10 bytes in the next 31 s");
    }

    @Test
    void theReadersOwnPausesAreNotWaiting() {
        SenderRate rate = new SenderRate(Duration.ofSeconds(30));
        rate.waited(-5);
        rate.waited(10 * SECOND);
        assertFalse(rate.tooSlow(0), "only the 10 s of waiting count");
    }
}
