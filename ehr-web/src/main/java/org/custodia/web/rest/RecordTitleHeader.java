package org.custodia.web.rest;

import org.custodia.kernel.Given;
import org.custodia.web.PercentDecoding;

/**
 * The {@value #NAME} header of an upload: the record's title in UTF-8, percent-encoded (RFC 3986, as JavaScript's
 * {@code encodeURIComponent} writes it), so that any title travels in a header. A title never goes in the URL, which
 * proxies, load balancers and browsers' histories keep.
 */
final class RecordTitleHeader {

    static final String NAME = "Custodia-Record-Title";

    static final String DESCRIPTION = "the record's title shown to staff (stays on this node), in UTF-8, "
            + "percent-encoded as encodeURIComponent writes it: Blood%20count";

    private static final String MALFORMED = "the " + NAME + " header must be the record's title in UTF-8, "
            + "percent-encoded (as encodeURIComponent writes it)";

    private RecordTitleHeader() {
    }

    /**
     * The title an upload gives, for the service to read: refused when the request put a title in its URL (a client
     * written for the query parameter learns where it goes now), or when the header is missing or malformed.
     */
    static Given<String> given(String header, String titleInUrl) {
        return Given.read(() -> {
            if (titleInUrl != null) {
                throw new IllegalArgumentException("the record's title goes in the " + NAME + " header "
                        + "(percent-encoded UTF-8), not in the URL, which proxies log");
            }
            if (header == null) {
                throw new IllegalArgumentException("a record title is required, in the " + NAME + " header "
                        + "(percent-encoded UTF-8)");
            }
            return decode(header);
        });
    }

    /** The text {@code value} encodes, strictly ({@link PercentDecoding#strictly}). */
    static String decode(String value) {
        try {
            return PercentDecoding.strictly(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(MALFORMED);
        }
    }
}
