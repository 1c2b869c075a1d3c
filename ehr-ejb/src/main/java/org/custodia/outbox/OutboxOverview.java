package org.custodia.outbox;

import java.time.Instant;
import java.util.List;

/**
 * What the outbox holds at one moment, for administrators: per kind of command how many wait and in which state,
 * and the commands whose attempts failed, those that can never take effect as they stand first. An outbox that
 * stays empty or short is healthy; a count that grows, or a command in conflict, needs an operator.
 *
 * @param at      when it was read
 * @param kinds   one entry per kind of command waiting, by kind
 * @param failing the commands with at least one failed attempt, in conflict first, then the longest waiting; at most
 *                as many as were asked for ({@link Kind#failing()} counts them all)
 */
public record OutboxOverview(Instant at, List<Kind> kinds, List<FailingCommand> failing) {

    public OutboxOverview {
        kinds = List.copyOf(kinds);
        failing = List.copyOf(failing);
    }

    /**
     * How many failing commands {@link #failing} leaves out (the counts per kind cover them all). The counts and the
     * list are two reads, so this is an estimate while commands come and go: never below zero.
     */
    public long failingNotListed() {
        return Math.max(0, kinds.stream().mapToLong(Kind::failing).sum() - failing.size());
    }

    /**
     * The commands of one kind.
     *
     * @param kind           e.g. {@code chain.anchor-record}
     * @param waiting        all of them, whatever their state
     * @param due            due now and waiting for an attempt (a lasting count here means attempts cannot keep up)
     * @param underAttempt   held by an attempt under way
     * @param failing        with at least one failed attempt, waiting out a back-off or under a new attempt
     * @param inConflict     of those failing, the ones whose last attempt found they can never take effect as they
     *                       stand
     * @param oldestQueuedAt when the longest waiting one was queued (a command scheduled ahead, such as a grant's
     *                       expiry, counts from when it was scheduled)
     */
    public record Kind(String kind, long waiting, long due, long underAttempt, long failing, long inConflict,
            Instant oldestQueuedAt) {
    }

    /**
     * One command whose attempts failed.
     *
     * @param kind          its kind
     * @param subject       what it is about, as its kind names it (a record id, a patient pseudonym and a hospital)
     * @param attempts      failed attempts so far
     * @param queuedAt      when it was queued
     * @param nextAttemptAt when it is tried again (while an attempt holds it, when that attempt's lease runs out)
     * @param underAttempt  whether an attempt holds it now
     * @param lastError     why the last attempt failed
     * @param conflictSince since when its attempts have found it can never take effect as it stands; null if they
     *                      have not
     */
    public record FailingCommand(String kind, String subject, int attempts, Instant queuedAt, Instant nextAttemptAt,
            boolean underAttempt, String lastError, Instant conflictSince) {

        public boolean inConflict() {
            return conflictSince != null;
        }
    }
}
