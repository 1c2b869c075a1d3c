package org.custodia.web.pages;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;

import org.custodia.sharing.ScopeDetails;

/** How the pages write values staff read: times to the minute, in UTC (every node's clock zone). */
@Named
@ApplicationScoped
public class Formats {

    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter SECOND = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);
    /** Characters of a transaction hash a table shows: {@code 0x} and eight hex digits. */
    private static final int SHORT_HASH = 10;
    /** Hex digits of a record id a scope shows: enough to tell a patient's records apart. */
    private static final int RECORD_ID_SHOWN = 12;

    public String instant(Instant instant) {
        return instant == null ? "" : MINUTE.format(instant);
    }

    /**
     * When something ends. The requests page approves "until" a day, which ends at the next midnight: an end at
     * midnight is written as the end of the day before, the day staff chose, and any other end to the minute.
     */
    public String end(Instant instant) {
        if (instant == null) {
            return "";
        }
        LocalDateTime end = LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
        return end.toLocalTime().equals(LocalTime.MIDNIGHT)
                ? "end of " + end.toLocalDate().minusDays(1) + " UTC" : MINUTE.format(instant);
    }

    /** To the second, where the order of close events matters (the audit trail). */
    public String second(Instant instant) {
        return instant == null ? "" : SECOND.format(instant);
    }

    /**
     * A consent's scope as staff read it: all records, a category, or one record by the start of its id (before, a
     * record's scope showed as "record" alone, and staff approved a request without seeing which record).
     */
    public String scope(ScopeDetails scope) {
        if (scope.recordId() != null) {
            return scope.kind() + " " + scope.recordId().substring(0, Math.min(RECORD_ID_SHOWN,
                    scope.recordId().length())) + "\u2026";
        }
        return scope.category() == null ? scope.kind() : scope.kind() + ": " + scope.category();
    }

    /** The start of a hash, enough to tell transactions apart in a table. */
    public String shortHash(String hash) {
        return hash == null || hash.length() <= SHORT_HASH ? hash : hash.substring(0, SHORT_HASH) + "\u2026";
    }

    /** Whether a record of this media type can be viewed in the browser (the others are only downloaded). */
    public boolean viewable(String contentType) {
        return RecordContentServlet.INLINE.contains(contentType);
    }
}
