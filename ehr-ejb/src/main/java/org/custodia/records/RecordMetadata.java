package org.custodia.records;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What the uploader says about a record. The category is a short code (it is anchored on chain and scopes
 * consent): lowercase letters, digits and hyphens, at most 32 characters. The title stays on the node.
 */
public record RecordMetadata(String category, String title, String contentType) {

    private static final Pattern CATEGORY = Pattern.compile("[a-z0-9][a-z0-9-]{0,31}");
    /** ASCII only: the content type is anchored on chain, where it may take at most 128 bytes. */
    private static final Pattern CONTENT_TYPE = Pattern.compile("[\\w.+-]+/[\\w.+-]+(\\s*;[\\x20-\\x7E]*)?");

    public RecordMetadata {
        category = category == null ? "" : category.strip().toLowerCase(Locale.ROOT);
        if (!CATEGORY.matcher(category).matches()) {
            throw new IllegalArgumentException("the category must be a code of lowercase letters, digits and "
                    + "hyphens, 1 to 32 characters (e.g. laboratory), not '" + category + "'");
        }
        if (title == null || title.isBlank()) {
            throw new IllegalArgumentException("a record title is required");
        }
        title = title.strip();
        if (title.length() > 200) {
            throw new IllegalArgumentException("the record title is longer than 200 characters");
        }
        contentType = contentType == null ? "" : contentType.strip();
        if (contentType.length() > 128 || !CONTENT_TYPE.matcher(contentType).matches()) {
            throw new IllegalArgumentException("the content type must be a media type such as application/pdf, "
                    + "at most 128 characters");
        }
    }
}
