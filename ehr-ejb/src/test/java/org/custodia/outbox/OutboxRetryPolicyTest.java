package org.custodia.outbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class OutboxRetryPolicyTest {

    @Test
    void waitsDoubleFromTwoSecondsUpToFiveMinutes() {
        assertEquals(Duration.ofSeconds(2), OutboxRetryPolicy.delayAfter(1));
        assertEquals(Duration.ofSeconds(4), OutboxRetryPolicy.delayAfter(2));
        assertEquals(Duration.ofSeconds(8), OutboxRetryPolicy.delayAfter(3));
        assertEquals(Duration.ofSeconds(256), OutboxRetryPolicy.delayAfter(8));
        assertEquals(Duration.ofMinutes(5), OutboxRetryPolicy.delayAfter(9));
        assertEquals(Duration.ofMinutes(5), OutboxRetryPolicy.delayAfter(1_000), "no overflow after many failures");
    }

    @Test
    void anAttemptInProgressIsLeasedLongerThanItCanTake() {
        // receipt timeout 60 s plus 3 RPC retries of 10 s with back-off: well under the lease
        assertTrue(OutboxRetryPolicy.LEASE.compareTo(Duration.ofSeconds(120)) > 0);
    }

    @Test
    void refusesACountBelowOne() {
        assertThrows(IllegalArgumentException.class, () -> OutboxRetryPolicy.delayAfter(0));
    }
}
