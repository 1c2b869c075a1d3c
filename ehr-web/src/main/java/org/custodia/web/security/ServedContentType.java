package org.custodia.web.security;

import java.util.Locale;
import java.util.Set;

import org.custodia.records.RecordMetadata;

/**
 * The content type a record's bytes are served with, on every channel. A record keeps the type its uploader
 * declared (its metadata says so), but types a browser would run as a document of this site, HTML, XHTML, SVG, any
 * XML (which can carry XHTML and XSLT), scripts and style sheets, are served as {@code application/octet-stream}, so
 * they can only be saved, never rendered, even if a header or a browser falls short; so is a declared type holding a
 * comma, which a browser may read as a list of types and take the last of.
 */
public final class ServedContentType {

    static final String OPAQUE = "application/octet-stream";

    /**
     * Documents, and every JavaScript MIME type of the WHATWG MIME Sniffing standard, which a browser runs from a
     * script element of this site whatever {@code nosniff} says; and style sheets, which the pages' policy also takes
     * from the site itself.
     */
    private static final Set<String> ACTIVE = Set.of("text/html", "application/xhtml+xml", "image/svg+xml",
            "text/xml", "application/xml", "text/xsl", "text/vtt", "multipart/x-mixed-replace", "text/css",
            "application/ecmascript", "application/javascript", "application/x-ecmascript",
            "application/x-javascript", "text/ecmascript", "text/javascript", "text/javascript1.0",
            "text/javascript1.1", "text/javascript1.2", "text/javascript1.3", "text/javascript1.4",
            "text/javascript1.5", "text/jscript", "text/livescript", "text/x-ecmascript", "text/x-javascript");

    private ServedContentType() {
    }

    /** The type to send for a record declared as {@code declared} (with or without parameters). */
    public static String of(String declared) {
        int parameters = declared.indexOf(';');
        String media = (parameters < 0 ? declared : declared.substring(0, parameters)).strip()
                .toLowerCase(Locale.ROOT);
        // a comma makes a list of types, of which a browser may take the last ("text/plain;,text/html")
        boolean active = ACTIVE.contains(media) || media.endsWith("+xml") || media.isEmpty()
                || declared.indexOf(',') >= 0;
        if (active) {
            return OPAQUE;
        }
        // a record stored before parameters were checked: its bare type, as a header cannot carry the rest
        return RecordMetadata.wellFormed(declared) ? declared : media;
    }
}
