package org.custodia.ledger.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import org.custodia.kernel.DependencyUnavailableException;
import org.custodia.ledger.api.Bytes32;
import org.custodia.ledger.api.EventPosition;
import org.custodia.ledger.api.LedgerAddress;
import org.custodia.ledger.api.LedgerEvent;
import org.custodia.persistence.SchemaMigration;
import org.custodia.persistence.SchemaState;
import org.custodia.testing.Beans;
import org.junit.jupiter.api.Test;

class ChainEventListenerTest {

    private static final LedgerAddress MEMBER = LedgerAddress.fromHex("0x70997970c51812dc3a010c7d01b50e0d17dc79c8");
    private static final LedgerEvent EVENT = new LedgerEvent.MemberRemoved(new EventPosition(4, 0,
            Bytes32.fromHex("0x" + "ab".repeat(32)), Bytes32.fromHex("0x" + "cd".repeat(32)), MEMBER), MEMBER);

    /** The schema's state, as the start-up migration would report it. */
    private static final class Schema extends SchemaMigration {
        private SchemaState state;
        private int asked;

        @Override
        public synchronized SchemaState ensureMigrated() {
            asked++;
            return state;
        }
    }

    /** Records what it is asked to journal. */
    private static final class Journal extends ChainEventJournal {
        private final List<LedgerEvent> recorded = new ArrayList<>();

        Journal() {
            super(null, Clock.systemUTC());
        }

        @Override
        public boolean record(LedgerEvent event) {
            recorded.add(event);
            return true;
        }
    }

    private final Schema schema = new Schema();
    private final Journal journal = new Journal();
    private final ChainEventListener listener = new ChainEventListener();

    ChainEventListenerTest() {
        Beans.inject(listener, ChainEventListener.class, "schema", schema);
        Beans.inject(listener, ChainEventListener.class, "journal", journal);
    }

    @Test
    void anEventIsJournaledOnceTheSchemaIsMigrated() {
        schema.state = new SchemaState(true, "27", null);
        listener.onLedgerEvent(EVENT);
        assertEquals(List.of(EVENT), journal.recorded);
        assertEquals(1, schema.asked);
    }

    @Test
    void anEventDeliveredWhileTheSchemaCannotBeMigratedIsRefusedUnjournaledToBeDeliveredAgain() {
        schema.state = new SchemaState(false, null, "database schema migration failed: connection refused");
        DependencyUnavailableException e = assertThrows(DependencyUnavailableException.class,
                () -> listener.onLedgerEvent(EVENT));
        assertTrue(e.getMessage().contains("connection refused"), e.getMessage());
        assertEquals(List.of(), journal.recorded);
    }
}
