package org.custodia.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import org.custodia.ledger.api.AuditHead;
import org.custodia.ledger.api.Bytes32;
import org.custodia.outbox.CommandOutcome;
import org.junit.jupiter.api.Test;

/** One attempt at anchoring the audit trail's head, on the contract's rules in memory. */
class AnchorAuditHeadCommandTest {

    private static final AuditHead HEAD = new AuditHead(5, Bytes32.fromHex("5e".repeat(32)));

    private static final AuditHead NINE = new AuditHead(9, Bytes32.fromHex("9e".repeat(32)));

    private final InMemoryAuditHeads chain = new InMemoryAuditHeads();
    private final AnchorAuditHeadCommand command = new AnchorAuditHeadCommand();
    /** The trail's sealed entries, as the command reads them: HEAD and NINE. */
    private final Map<Long, AuditHead> sealed = new HashMap<>(Map.of(5L, HEAD, 9L, NINE));

    @Test
    void anchorsWhenTheChainAnswers() {
        CommandOutcome.Done done = assertInstanceOf(CommandOutcome.Done.class,
                command.anchor(chain.connection(), HEAD, Optional.empty(), this::sealedAt));
        assertTrue(done.transaction().isPresent());
        assertEquals(HEAD, chain.heads().get(0).head());
    }

    @Test
    void aLostAnswerIsFoundOnChainInsteadOfAnchoringAgain() {
        chain.mode(InMemoryAuditHeads.Mode.LOSE_ANSWER);
        CommandOutcome.Retry retry = assertInstanceOf(CommandOutcome.Retry.class,
                command.anchor(chain.connection(), HEAD, Optional.empty(), this::sealedAt));
        assertTrue(retry.pendingTransaction().isPresent(), "the transaction that may have been mined is kept");

        chain.mode(InMemoryAuditHeads.Mode.UP);
        assertInstanceOf(CommandOutcome.Done.class, command.anchor(chain.connection(), HEAD,
                retry.pendingTransaction(), this::sealedAt));
        assertEquals(1, chain.anchorsSent(), "read back from the chain, not sent a second time");
    }

    /** Sent again while the first waits in the pool, the second would be mined and refused, or anchor twice. */
    @Test
    void nothingIsSentWhileTheLastAttemptsAnchorWaitsToBeMined() throws Exception {
        chain.mode(InMemoryAuditHeads.Mode.POOL);
        CommandOutcome.Retry retry = assertInstanceOf(CommandOutcome.Retry.class,
                command.anchor(chain.connection(), HEAD, Optional.empty(), this::sealedAt));
        chain.mode(InMemoryAuditHeads.Mode.UP);

        CommandOutcome.Retry waiting = assertInstanceOf(CommandOutcome.Retry.class, command.anchor(chain.connection(),
                NINE, retry.pendingTransaction(), this::sealedAt));
        assertTrue(waiting.reason().contains("waiting to be mined"), waiting.reason());
        assertEquals(retry.pendingTransaction(), waiting.pendingTransaction());
        assertEquals(1, chain.anchorsSent(), "nothing sent meanwhile");

        chain.minePool();
        assertInstanceOf(CommandOutcome.Done.class, command.anchor(chain.connection(), HEAD,
                retry.pendingTransaction(), this::sealedAt));
        assertEquals(1, chain.anchorsSent(), "the mined anchor read back");
    }

    @Test
    void aHeadBehindTheNewestAnchorIsDoneWithoutSending() throws Exception {
        chain.anchor(NINE);
        assertInstanceOf(CommandOutcome.Done.class, command.anchor(chain.connection(), HEAD, Optional.empty(),
                this::sealedAt));
        assertEquals(1, chain.anchorsSent());
    }

    /**
     * An entry at or below the newest anchor rewritten and the hash chain rebuilt: no later head is anchored over it,
     * or the newest anchor would vouch for the rewritten trail and the check find it intact.
     */
    @Test
    void aTrailThatNoLongerHoldsTheNewestAnchoredHeadIsNotAnchoredOver() throws Exception {
        chain.anchor(new AuditHead(3, Bytes32.fromHex("3e".repeat(32))));
        sealed.put(3L, new AuditHead(3, Bytes32.fromHex("0f".repeat(32))));

        CommandOutcome.Conflict conflict = assertInstanceOf(CommandOutcome.Conflict.class,
                command.anchor(chain.connection(), HEAD, Optional.empty(), this::sealedAt));

        assertTrue(conflict.reason().startsWith("audit entry 3 differs from the head anchored on chain in block "),
                conflict.reason());
        assertEquals(1, chain.anchorsSent(), "nothing sent over it");
    }

    /** The chain holds a head past the trail's entries (deleted, or a database restored from an older backup). */
    @Test
    void aNewestAnchorTheTrailDoesNotHoldIsAConflict() throws Exception {
        chain.anchor(NINE);
        sealed.remove(9L);

        CommandOutcome.Conflict conflict = assertInstanceOf(CommandOutcome.Conflict.class,
                command.anchor(chain.connection(), HEAD, Optional.empty(), this::sealedAt));

        assertTrue(conflict.reason().contains("the trail in the database does not hold it"), conflict.reason());
        assertEquals(1, chain.anchorsSent());
    }

    @Test
    void anotherHashAnchoredForTheSameEntryIsAConflict() throws Exception {
        chain.anchor(new AuditHead(5, Bytes32.fromHex("0e".repeat(32))));
        CommandOutcome.Conflict conflict = assertInstanceOf(CommandOutcome.Conflict.class,
                command.anchor(chain.connection(), HEAD, Optional.empty(), this::sealedAt));
        assertTrue(conflict.reason().startsWith("audit entry 5 differs from the head anchored on chain in block "),
                conflict.reason());
    }

    @Test
    void chainDownMeansRetryWithTheNodesReason() {
        chain.mode(InMemoryAuditHeads.Mode.DOWN);
        CommandOutcome.Retry retry = assertInstanceOf(CommandOutcome.Retry.class,
                command.anchor(chain.connection(), HEAD, Optional.empty(), this::sealedAt));
        assertTrue(retry.reason().contains("not answering"), retry.reason());
        assertEquals(0, chain.anchorsSent());
    }

    private Optional<AuditHead> sealedAt(long sequence) {
        return Optional.ofNullable(sealed.get(sequence));
    }
}
