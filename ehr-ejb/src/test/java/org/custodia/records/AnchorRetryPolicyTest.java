package org.custodia.records;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class AnchorRetryPolicyTest {

    @Test
    void waitsDoubleFromTwoSecondsUpToFiveMinutes() {
        assertEquals(Duration.ofSeconds(2), AnchorRetryPolicy.delayAfter(1));
        assertEquals(Duration.ofSeconds(4), AnchorRetryPolicy.delayAfter(2));
        assertEquals(Duration.ofSeconds(8), AnchorRetryPolicy.delayAfter(3));
        assertEquals(Duration.ofSeconds(256), AnchorRetryPolicy.delayAfter(8));
        assertEquals(Duration.ofMinutes(5), AnchorRetryPolicy.delayAfter(9));
        assertEquals(Duration.ofMinutes(5), AnchorRetryPolicy.delayAfter(1_000), "no overflow after many failures");
    }

    @Test
    void anAttemptInProgressIsLeasedLongerThanItCanTake() {
        // receipt timeout 60 s plus 3 RPC retries of 10 s with back-off: well under the lease
        assertTrue(AnchorRetryPolicy.LEASE.compareTo(Duration.ofSeconds(120)) > 0);
    }

    @Test
    void refusesACountBelowOne() {
        assertThrows(IllegalArgumentException.class, () -> AnchorRetryPolicy.delayAfter(0));
    }
}
