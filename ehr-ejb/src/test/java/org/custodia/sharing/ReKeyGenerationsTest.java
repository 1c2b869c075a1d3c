package org.custodia.sharing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;

import org.custodia.testing.MovableClock;
import org.junit.jupiter.api.Test;

class ReKeyGenerationsTest {

    private static final Instant START = Instant.parse("2026-12-06T12:00:00Z");
    private static final long START_MICROS = 1_796_558_400_000_000L;

    @Test
    void numbersAreTheClocksMicrosecondsAndAlwaysRise() {
        MovableClock clock = new MovableClock(START);
        ReKeyGenerations generations = new ReKeyGenerations(clock);
        assertEquals(START_MICROS, generations.next());
        assertEquals(START_MICROS + 1, generations.next(), "within the same microsecond");

        clock.advance(Duration.ofSeconds(-30));
        assertEquals(START_MICROS + 2, generations.next(), "a clock set back does not lower them");

        clock.advance(Duration.ofMinutes(1));
        assertEquals(START_MICROS + 30_000_000, generations.next());
    }
}
