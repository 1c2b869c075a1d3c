package org.custodia.web.health;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.custodia.ledger.api.EventDeliveryStatus;
import org.junit.jupiter.api.Test;

/** When event delivery turns the chain-node check DOWN: failing, or hanging, for longer than the alarm. */
class ChainNodeCheckTest {

    private static final Instant NOW = Instant.parse("2026-12-05T12:00:00Z");
    private static final Duration ALARM = Duration.ofMinutes(2);

    @Test
    void aDeliveryThatKeepsEndingItsRoundsIsWell() {
        assertNull(ChainNodeCheck.deliveryProblem(List.of(delivery(NOW.minusSeconds(1), null, null)), NOW, ALARM));
        assertNull(ChainNodeCheck.deliveryProblem(List.of(delivery(null, null, null)), NOW, ALARM),
                "not started yet");
    }

    @Test
    void aFailureLongerThanTheAlarmIsAProblemAndAShorterOneIsNot() {
        Instant since = NOW.minus(ALARM).minusSeconds(1);
        String problem = ChainNodeCheck.deliveryProblem(List.of(delivery(since, "node down", since)), NOW, ALARM);
        assertTrue(problem.contains("failing since " + since) && problem.contains("node down"), problem);
        assertNull(ChainNodeCheck.deliveryProblem(List.of(delivery(NOW.minusSeconds(5), "node down",
                NOW.minusSeconds(5))), NOW, ALARM));
    }

    /** A round blocked on the bean's pool or a database lock fails nothing; its last success only grows old. */
    @Test
    void aDeliveryThatEndedNoRoundForLongerThanTheAlarmHangs() {
        Instant last = NOW.minus(ALARM).minusSeconds(1);
        String problem = ChainNodeCheck.deliveryProblem(List.of(delivery(NOW, null, null),
                delivery(last, null, null)), NOW, ALARM);
        assertTrue(problem.contains("no progress since " + last) && problem.contains("hangs"), problem);
    }

    private static EventDeliveryStatus delivery(Instant lastSuccess, String failure, Instant failingSince) {
        return new EventDeliveryStatus("chain-event-journal", 0, lastSuccess, failure, failingSince,
                failure == null ? 0 : 3);
    }
}
