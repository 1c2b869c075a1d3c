package org.custodia.ledger.journal;

import java.util.Objects;

/**
 * Which journaled event to find: its name and subject (as {@link JournaledEvent} describes events), and optionally its
 * transaction, the account that caused it and its counterpart. An event journaled before counterparts were kept
 * matches any counterpart.
 *
 * @param transaction the transaction hash ({@code 0x} and 64 hex digits), or null for any
 * @param actor       the account that caused the event, or null for any
 * @param counterpart the account the event names beside its actor (for {@code AccessLogged}, the accessor), or null
 *                    for any
 */
public record EventQuery(String name, String subject, String transaction, String actor, String counterpart) {

    public EventQuery {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(subject, "subject");
    }

    /** Any event named {@code name} about {@code subject}. */
    public static EventQuery of(String name, String subject) {
        return new EventQuery(name, subject, null, null, null);
    }
}
