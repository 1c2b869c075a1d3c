package org.custodia.ledger.adapter.chain;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.custodia.ledger.api.AnchoredRecord;
import org.custodia.ledger.api.Bytes32;

/**
 * Records this node has anchored or read anchored on chain, so that each is read from the chain once at most. An
 * anchor never changes once written: the record registry refuses a second anchor of the same id and has no way to
 * remove one, and a QBFT block is final when it is imported. So what the chain holds for a record stays its answer,
 * and every download, share and retrieval of it needs no call to the chain node once it was anchored here or read
 * once. A record not (yet) anchored is not kept: the next lookup asks the chain again. Holds the {@code capacity}
 * most recently used records. Thread-safe.
 */
final class AnchoredRecords {

    /** About 0.5 KiB of heap a record. */
    static final int DEFAULT_CAPACITY = 8192;

    private final Map<Bytes32, AnchoredRecord> records;

    AnchoredRecords(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive: " + capacity);
        }
        this.records = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Bytes32, AnchoredRecord> eldest) {
                return size() > capacity;
            }
        };
    }

    synchronized Optional<AnchoredRecord> find(Bytes32 recordId) {
        return Optional.ofNullable(records.get(recordId));
    }

    synchronized void keep(AnchoredRecord record) {
        records.putIfAbsent(record.anchor().recordId(), record);
    }
}
