package org.custodia.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;

import org.custodia.ledger.api.AuditHead;
import org.custodia.ledger.api.Bytes32;
import org.custodia.outbox.CommandOutcome;
import org.junit.jupiter.api.Test;

/** One attempt at anchoring the audit trail's head, on the contract's rules in memory. */
class AnchorAuditHeadCommandTest {

    private static final AuditHead HEAD = new AuditHead(5, Bytes32.fromHex("5e".repeat(32)));

    private final InMemoryAuditHeads chain = new InMemoryAuditHeads();
    private final AnchorAuditHeadCommand command = new AnchorAuditHeadCommand();

    @Test
    void anchorsWhenTheChainAnswers() {
        CommandOutcome.Done done = assertInstanceOf(CommandOutcome.Done.class,
                command.anchor(chain.connection(), HEAD, Optional.empty()));
        assertTrue(done.transaction().isPresent());
        assertEquals(HEAD, chain.heads().get(0).head());
    }

    @Test
    void aLostAnswerIsFoundOnChainInsteadOfAnchoringAgain() {
        chain.mode(InMemoryAuditHeads.Mode.LOSE_ANSWER);
        CommandOutcome.Retry retry = assertInstanceOf(CommandOutcome.Retry.class,
                command.anchor(chain.connection(), HEAD, Optional.empty()));
        assertTrue(retry.pendingTransaction().isPresent(), "the transaction that may have been mined is kept");

        chain.mode(InMemoryAuditHeads.Mode.UP);
        assertInstanceOf(CommandOutcome.Done.class, command.anchor(chain.connection(), HEAD,
                retry.pendingTransaction()));
        assertEquals(1, chain.anchorsSent(), "read back from the chain, not sent a second time");
    }

    @Test
    void aHeadBehindTheNewestAnchorIsDoneWithoutSending() throws Exception {
        chain.anchor(new AuditHead(9, Bytes32.fromHex("9e".repeat(32))));
        assertInstanceOf(CommandOutcome.Done.class, command.anchor(chain.connection(), HEAD, Optional.empty()));
        assertEquals(1, chain.anchorsSent());
    }

    @Test
    void anotherHashAnchoredForTheSameEntryIsAConflict() throws Exception {
        chain.anchor(new AuditHead(5, Bytes32.fromHex("0e".repeat(32))));
        CommandOutcome.Conflict conflict = assertInstanceOf(CommandOutcome.Conflict.class,
                command.anchor(chain.connection(), HEAD, Optional.empty()));
        assertTrue(conflict.reason().startsWith("audit entry 5 differs from the head anchored on chain in block "),
                conflict.reason());
    }

    @Test
    void chainDownMeansRetryWithTheNodesReason() {
        chain.mode(InMemoryAuditHeads.Mode.DOWN);
        CommandOutcome.Retry retry = assertInstanceOf(CommandOutcome.Retry.class,
                command.anchor(chain.connection(), HEAD, Optional.empty()));
        assertTrue(retry.reason().contains("not answering"), retry.reason());
        assertEquals(0, chain.anchorsSent());
    }
}
