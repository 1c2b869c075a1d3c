package org.custodia.sharing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.time.Instant;
import java.util.Optional;

import org.custodia.outbox.CommandOutcome;
import org.junit.jupiter.api.Test;

/** How a reconciliation's outcome is taken as the command's attempts go by. */
class ReKeyCommandTest {

    private static final String REFUSAL = "proxy 0xc3 answered 422 refused: the re-key is for key 1a, but the PRE "
            + "public key hospital 0xb2 published on chain is 2b";

    /**
     * A proxy whose chain node is a block behind refuses the re-key for a hospital's new key for a moment: the first
     * attempts try again within seconds. Before, the first refusal left the pair for 5 minutes, while the proxy still
     * held the re-key for the hospital's old key and its retrievals failed.
     */
    @Test
    void aRefusalIsTriedAgainSoonAtFirstThenLeftForMinutes() {
        CommandOutcome.Conflict refused = new CommandOutcome.Conflict(REFUSAL);
        for (int failed = 0; failed < ReKeyCommand.QUICK_RETRIES_OF_REFUSALS; failed++) {
            CommandOutcome.Retry soon = assertInstanceOf(CommandOutcome.Retry.class,
                    ReKeyCommand.soonAgainIfRefusedAtFirst(refused, failed), "after " + failed + " failed attempts");
            assertEquals(REFUSAL, soon.reason());
        }
        assertSame(refused, ReKeyCommand.soonAgainIfRefusedAtFirst(refused, ReKeyCommand.QUICK_RETRIES_OF_REFUSALS));
    }

    @Test
    void otherOutcomesAreKept() {
        CommandOutcome done = new CommandOutcome.Done(Optional.empty(), null, Instant.now());
        CommandOutcome retry = new CommandOutcome.Retry("proxy 0xc3 cannot be reached", Optional.empty());
        assertSame(done, ReKeyCommand.soonAgainIfRefusedAtFirst(done, 0));
        assertSame(retry, ReKeyCommand.soonAgainIfRefusedAtFirst(retry, 9));
    }
}
