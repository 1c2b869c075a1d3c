package org.custodia.ledger.journal;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

import jakarta.persistence.Column;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

/**
 * One contract event as the node received it. Identified by its chain position, so an event delivered twice is
 * kept once. Holds identifiers only (accounts, record ids, grant ids), like the chain itself: never PHI.
 */
@Entity
@Table(name = "chain_event")
public class ChainEvent {

    @EmbeddedId
    private ChainEventKey key;

    @Column(name = "block_hash", nullable = false, length = 66)
    private String blockHash;

    @Column(name = "transaction_hash", nullable = false, length = 66)
    private String transactionHash;

    @Column(nullable = false, length = 42)
    private String contract;

    @Column(nullable = false, length = 64)
    private String name;

    @Column(length = 42)
    private String actor;

    @Column(length = 42)
    private String counterpart;

    @Column(nullable = false, length = 128)
    private String subject;

    @Column(name = "received_at", nullable = false)
    private Instant receivedAt;

    @Column(nullable = false)
    private int deliveries;

    protected ChainEvent() {
        // for JPA
    }

    ChainEvent(ChainEventKey key, String blockHash, String transactionHash, String contract, String name,
            String actor, String counterpart, String subject, Instant receivedAt) {
        this.key = key;
        this.blockHash = blockHash;
        this.transactionHash = transactionHash;
        this.contract = contract;
        this.name = name;
        this.actor = actor;
        this.counterpart = counterpart;
        this.subject = subject;
        this.receivedAt = receivedAt.truncatedTo(ChronoUnit.MICROS);
        this.deliveries = 1;
    }

    /** Counts a further delivery of the same event (the connector redelivers only after an abrupt stop). */
    void redelivered() {
        deliveries++;
    }

    JournaledEvent toJournaled() {
        return new JournaledEvent(blockNumber(), logIndex(), blockHash, transactionHash, contract, name, actor,
                counterpart, subject, receivedAt, deliveries);
    }

    public long blockNumber() {
        return key.blockNumber();
    }

    public int logIndex() {
        return key.logIndex();
    }

    public String blockHash() {
        return blockHash;
    }

    public String transactionHash() {
        return transactionHash;
    }

    public String contract() {
        return contract;
    }

    /** The contract's event name, e.g. {@code RecordAnchored}. */
    public String name() {
        return name;
    }

    /** The member account that caused the event, where the event names one. */
    public String actor() {
        return actor;
    }

    /**
     * The account the event names beside its actor, where the journal keeps one (for {@code AccessLogged}, the
     * hospital that accessed the record); null for events journaled before it kept them.
     */
    public String counterpart() {
        return counterpart;
    }

    /**
     * What the event is about: a record id, an account, a grant, request or emergency number, or an audit trail head
     * ({@code audit head <sequence> <entry hash>}).
     */
    public String subject() {
        return subject;
    }

    /** When the node first received the event. */
    public Instant receivedAt() {
        return receivedAt;
    }

    /** How often the event was delivered: 1, unless the server stopped abruptly while delivering it. */
    public int deliveries() {
        return deliveries;
    }
}
