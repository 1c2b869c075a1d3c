package org.custodia.records;

import java.util.Locale;
import java.util.regex.Pattern;

import org.custodia.kernel.TextField;
import org.custodia.ledger.api.Category;

/**
 * What the uploader says about a record. The category is a code from the consortium's fixed list (it is anchored
 * on chain and scopes consent). The content type may carry parameters such as {@code charset}, which stay on the
 * node with the title: only its bare {@code type/subtype} ({@link #mediaType()}) reaches the chain.
 */
public record RecordMetadata(String category, String title, String contentType) {

    /**
     * An RFC 6838 type and subtype (each starting with a letter or digit, as the chain requires, and at most 127
     * characters, RFC 6838's bound: a record another member anchored with a subtype longer than the 64 it recommends
     * could not be retrieved here), then optional
     * parameters, each {@code ; name=token} or {@code ; name="quoted string"} (RFC 9110's, less the empty parameters
     * it tolerates), ASCII only; the parameters stay on the node. Anything looser was stored before and could not be sent back as a
     * {@code Content-Type} (the REST download failed on it).
     */
    private static final Pattern CONTENT_TYPE = Pattern.compile(
            "[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,126}/[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,126}"
                    + "(?:[ \\t]*;[ \\t]*[!#$%&'*+.^_`|~0-9A-Za-z-]+="
                    + "(?:[!#$%&'*+.^_`|~0-9A-Za-z-]+|\"(?:[\\t\\x20\\x21\\x23-\\x5B\\x5D-\\x7E]|\\\\[\\t\\x20-\\x7E])*\"))*");

    public RecordMetadata {
        category = category == null ? "" : category.strip().toLowerCase(Locale.ROOT);
        if (!Category.CODES.contains(category)) {
            throw new IllegalArgumentException("the category must be one of " + String.join(", ", Category.CODES));
        }
        title = TextField.required(title, "record title", 200);
        contentType = contentType == null ? "" : contentType.strip();
        if (!wellFormed(contentType)) {
            throw new IllegalArgumentException("the content type must be a media type such as application/pdf or "
                    + "text/plain; charset=utf-8 (parameters as name=value), at most 128 characters");
        }
    }

    /** Whether {@code contentType} is a content type a record may be stored, and so served, with. */
    public static boolean wellFormed(String contentType) {
        return contentType.length() <= 128 && CONTENT_TYPE.matcher(contentType).matches();
    }

    /** The bare media type, lowercase and without parameters: what the chain may carry. */
    public String mediaType() {
        return mediaTypeOf(contentType);
    }

    /** The bare media type of a content type as stored. */
    static String mediaTypeOf(String contentType) {
        int parameters = contentType.indexOf(';');
        return (parameters < 0 ? contentType : contentType.substring(0, parameters)).strip().toLowerCase(Locale.ROOT);
    }
}
