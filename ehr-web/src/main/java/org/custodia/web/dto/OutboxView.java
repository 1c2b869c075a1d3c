package org.custodia.web.dto;

import java.util.List;

import org.custodia.outbox.OutboxOverview;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** What waits in the node's outbox to leave it (chain transactions, deliveries to proxies), and what keeps failing. */
@Schema(name = "Outbox")
public class OutboxView {

    @Schema(description = "ISO-8601 instant the outbox was read at")
    public String at;
    @Schema(description = "Per kind of command waiting, by kind; empty when nothing waits")
    public List<KindView> kinds;
    @Schema(description = "Commands with at least one failed attempt, those in conflict first, then the longest "
            + "waiting; at most 50 (the kinds' failing counts cover them all)")
    public List<FailingCommandView> failing;

    /** The commands of one kind. */
    @Schema(name = "OutboxKind")
    public static class KindView {

        @Schema(example = "chain.anchor-record", description = "chain.anchor-record, chain.anchor-audit-head, "
                + "chain.update-own-profile, sharing.consent, sharing.consent-event, sharing.consent-expiry, "
                + "sharing.re-key")
        public String kind;
        @Schema(description = "All commands of the kind, whatever their state (a grant's expiry waits until then)")
        public long waiting;
        @Schema(description = "Due now and waiting for an attempt; a count that lasts means attempts cannot keep up")
        public long due;
        @Schema(description = "Held by an attempt under way")
        public long underAttempt;
        @Schema(description = "With at least one failed attempt, retried with back-off")
        public long failing;
        @Schema(description = "Of those failing, the ones that can never take effect as they stand: an operator "
                + "must investigate")
        public long inConflict;
        @Schema(description = "ISO-8601 instant the longest waiting command was queued")
        public String oldestQueuedAt;
    }

    /** One command whose attempts failed. */
    @Schema(name = "OutboxFailingCommand")
    public static class FailingCommandView {

        public String kind;
        @Schema(description = "What it is about, as its kind names it: a record id, a patient pseudonym and a "
                + "hospital's account; never PHI")
        public String subject;
        @Schema(description = "Failed attempts so far")
        public int attempts;
        @Schema(description = "ISO-8601 instant it was queued")
        public String queuedAt;
        @Schema(description = "ISO-8601 instant of its next attempt (while one is under way, when that one's lease "
                + "runs out)")
        public String nextAttemptAt;
        public boolean underAttempt;
        @Schema(description = "Why the last attempt failed, one line")
        public String lastError;
        @Schema(description = "ISO-8601 instant since which its attempts have found it can never take effect as it "
                + "stands; absent when they have not")
        public String conflictSince;
    }

    public static OutboxView of(OutboxOverview overview) {
        OutboxView view = new OutboxView();
        view.at = overview.at().toString();
        view.kinds = overview.kinds().stream().map(kind -> {
            KindView entry = new KindView();
            entry.kind = kind.kind();
            entry.waiting = kind.waiting();
            entry.due = kind.due();
            entry.underAttempt = kind.underAttempt();
            entry.failing = kind.failing();
            entry.inConflict = kind.inConflict();
            entry.oldestQueuedAt = kind.oldestQueuedAt().toString();
            return entry;
        }).toList();
        view.failing = overview.failing().stream().map(command -> {
            FailingCommandView entry = new FailingCommandView();
            entry.kind = command.kind();
            entry.subject = command.subject();
            entry.attempts = command.attempts();
            entry.queuedAt = command.queuedAt().toString();
            entry.nextAttemptAt = command.nextAttemptAt().toString();
            entry.underAttempt = command.underAttempt();
            entry.lastError = command.lastError();
            entry.conflictSince = command.inConflict() ? command.conflictSince().toString() : null;
            return entry;
        }).toList();
        return view;
    }
}
