package org.custodia.sharing;

import java.util.Locale;

/** The consent registry's three kinds of entries, and how an outbox subject names one ({@code grant:17}). */
public enum ConsentKind {
    REQUEST, GRANT, EMERGENCY;

    String subject(long chainId) {
        return name().toLowerCase(Locale.ROOT) + ":" + chainId;
    }

    /** The kind and id of a subject made by {@link #subject}. */
    static Entry parse(String subject) {
        int colon = subject.indexOf(':');
        return new Entry(valueOf(subject.substring(0, colon).toUpperCase(Locale.ROOT)),
                Long.parseLong(subject.substring(colon + 1)));
    }

    record Entry(ConsentKind kind, long chainId) {
    }
}
