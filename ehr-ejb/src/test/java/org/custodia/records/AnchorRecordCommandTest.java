package org.custodia.records;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import java.util.Random;

import org.custodia.ledger.api.Bytes32;
import org.custodia.ledger.api.Category;
import org.custodia.ledger.api.LedgerAddress;
import org.custodia.ledger.api.RecordAnchor;
import org.custodia.outbox.CommandOutcome;
import org.junit.jupiter.api.Test;

class AnchorRecordCommandTest {

    private static final LedgerAddress US = LedgerAddress.fromHex("0x70997970c51812dc3a010c7d01b50e0d17dc79c8");
    private static final LedgerAddress OTHER = LedgerAddress.fromHex("0x3c44cdddb6a900fa2b585dd299e03d12fa4293bc");

    private final Random random = new Random(7);
    private final InMemoryChain chain = new InMemoryChain(US);
    private final AnchorRecordCommand command = new AnchorRecordCommand();
    private final RecordAnchor anchor = anchor();

    @Test
    void anchorsWhenTheChainAnswers() {
        CommandOutcome.Done anchored = assertInstanceOf(CommandOutcome.Done.class,
                command.anchor(chain, anchor, Optional.empty()));
        assertTrue(anchored.transaction().isPresent());
        assertEquals(1L, anchored.block());
        assertEquals(1, chain.anchorsSent());
    }

    @Test
    void chainDownMeansRetryWithTheNodesReason() {
        chain.mode(InMemoryChain.Mode.DOWN);
        CommandOutcome.Retry retry = assertInstanceOf(CommandOutcome.Retry.class, command.anchor(chain, anchor, Optional.empty()));
        assertTrue(retry.reason().contains("not answering"), retry.reason());
        assertTrue(retry.pendingTransaction().isEmpty());
        assertEquals(0, chain.anchorsSent());
    }

    @Test
    void aLostAnswerLeavesThePendingTransactionWhichTheNextAttemptFindsInsteadOfSendingAgain() {
        chain.mode(InMemoryChain.Mode.LOSE_ANSWER);
        CommandOutcome.Retry retry = assertInstanceOf(CommandOutcome.Retry.class, command.anchor(chain, anchor, Optional.empty()));
        assertTrue(retry.pendingTransaction().isPresent(), "the transaction that may have been mined is kept");

        chain.mode(InMemoryChain.Mode.UP);
        CommandOutcome.Done anchored = assertInstanceOf(CommandOutcome.Done.class,
                command.anchor(chain, anchor, retry.pendingTransaction()));
        assertEquals(retry.pendingTransaction(), anchored.transaction());
        assertEquals(1, chain.anchorsSent(), "found by its transaction, not sent a second time");
    }

    @Test
    void alreadyAnchoredByThisNodeForTheSameEnvelopeIsSuccess() {
        chain.anchorAs(US, anchor);
        CommandOutcome.Done anchored = assertInstanceOf(CommandOutcome.Done.class,
                command.anchor(chain, anchor, Optional.empty()));
        assertTrue(anchored.transaction().isEmpty(), "which transaction anchored it is not known");
    }

    @Test
    void aPendingTransactionThatWasNotMinedIsFollowedByAFreshSendAndStillOneAnchor() throws Exception {
        Bytes32 neverMined = Bytes32.of(bytes());
        assertInstanceOf(CommandOutcome.Done.class, command.anchor(chain, anchor, Optional.of(neverMined)));
        assertInstanceOf(CommandOutcome.Done.class, command.anchor(chain, anchor, Optional.of(neverMined)));
        assertEquals(2, chain.anchorsSent(), "the second send was refused as already anchored");
        assertEquals(US, chain.findRecord(anchor.recordId()).orElseThrow().custodian());
    }

    /**
     * While the node holds the earlier attempt's transaction unmined (blocks stalled), nothing is sent again: another
     * anchor would only revert once the first is mined, and took the pending hash's place, so that the record's
     * anchor was completed without its transaction.
     */
    @Test
    void aTransactionTheNodeHoldsUnminedIsWaitedForNotSentAgain() {
        Bytes32 waiting = Bytes32.of(bytes());
        chain.pool(waiting);

        CommandOutcome.Retry retry = assertInstanceOf(CommandOutcome.Retry.class,
                command.anchor(chain, anchor, Optional.of(waiting)));

        assertEquals(Optional.of(waiting), retry.pendingTransaction());
        assertTrue(retry.reason().contains("waiting to be mined"), retry.reason());
        assertEquals(0, chain.anchorsSent());
    }

    /**
     * The earlier attempt's transaction, lost by the node (unknown to it), handed over again by the connector before
     * the new one and mined: the new one is refused as already anchored, and the anchor is the earlier transaction's
     * (it was completed without a transaction).
     */
    @Test
    void anEarlierTransactionMinedBeforeTheNewOneIsTheAnchorsTransaction() {
        Bytes32 lost = Bytes32.of(bytes());
        chain.mineBeforeNextSend(lost, anchor);

        CommandOutcome.Done anchored = assertInstanceOf(CommandOutcome.Done.class,
                command.anchor(chain, anchor, Optional.of(lost)));

        assertEquals(Optional.of(lost), anchored.transaction());
        assertEquals(1, chain.anchorsSent(), "the new one, refused");
    }

    @Test
    void anotherAnchorUnderTheSameIdIsAConflict() {
        chain.anchorAs(OTHER, anchor);
        assertInstanceOf(CommandOutcome.Conflict.class, command.anchor(chain, anchor, Optional.empty()));

        InMemoryChain ours = new InMemoryChain(US);
        ours.anchorAs(US, RecordAnchor.original(anchor.recordId(), anchor.patientPseudonym(), Bytes32.of(bytes()),
                anchor.category(), anchor.contentType()));
        assertInstanceOf(CommandOutcome.Conflict.class,
                command.anchor(ours, anchor, Optional.empty()),
                "same id and custodian but another envelope");
    }

    private RecordAnchor anchor() {
        return RecordAnchor.original(Bytes32.of(bytes()), Bytes32.of(bytes()), Bytes32.of(bytes()),
                new Category("laboratory"), "application/pdf");
    }

    private byte[] bytes() {
        byte[] value = new byte[Bytes32.LENGTH];
        random.nextBytes(value);
        return value;
    }
}
