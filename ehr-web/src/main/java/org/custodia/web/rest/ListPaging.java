package org.custodia.web.rest;

import java.util.Locale;
import java.util.function.Function;
import java.util.regex.Pattern;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.custodia.kernel.ChainListPage;
import org.custodia.kernel.ListPage;

/**
 * The paging of the lists answered newest first, a page at a time (consent entries, a patient's records here and
 * across the consortium, the audit trail): {@code before} and {@code limit} read from the query, and a page answered
 * as a JSON array with a {@code Link: <...>; rel="next"} header (RFC 8288) to its next, older page when there is one.
 */
final class ListPaging {

    private static final Pattern ASCII_NUMBER = Pattern.compile("[+-]?[0-9]{1,19}");

    /** What the OpenAPI document says of a paged list's {@code Link} header. */
    static final String NEXT_PAGE = "<the same request with before=...>; rel=\"next\" (RFC 8288): the next, older page, "
            + "while one may follow";
    /** What it says of {@code before} where it names an entry of a list read from the chain. */
    static final String BEFORE_ENTRY = "only entries below this one: the before of the Link header's next page";
    /** What it says of {@code limit}, and its largest value. */
    static final String LIMIT = "at most this many entries, 1 to " + ChainListPage.MAX_LIMIT + "; "
            + ChainListPage.DEFAULT_LIMIT + " when absent";
    static final String MAX_LIMIT = "" + ChainListPage.MAX_LIMIT;

    private ListPaging() {
    }

    /** The window {@code before} (an entry number) and {@code limit} (1 to 200, 100 when absent) ask for. */
    static ChainListPage.Window window(String before, String limit) {
        return new ChainListPage.Window(number("before", before), limit(limit, ChainListPage.DEFAULT_LIMIT,
                ChainListPage.MAX_LIMIT));
    }

    /**
     * {@code limit} as given, or {@code defaultLimit} when absent; a number outside 0 to {@code max} + 1 is brought
     * into it, so that the service refuses it in its own words.
     */
    static int limit(String text, int defaultLimit, int max) {
        Long size = number("limit", text);
        return size == null ? defaultLimit : (int) Math.max(0, Math.min(size, max + 1L));
    }

    /** The page's entries, each as {@code view} shows it, with a link to the next page while there is one. */
    static <T> Response answer(ListPage<T, ?> page, Function<T, ?> view, UriInfo request) {
        Response.ResponseBuilder answer = Response.ok(page.entries().stream().map(view).toList());
        page.nextBefore().ifPresent(next -> answer.link(
                request.getRequestUriBuilder().replaceQueryParam("before", next).build(), "next"));
        return answer.build();
    }

    /** A filter that is true, false or absent (null); anything else is refused. */
    static Boolean flag(String name, String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        return switch (text.strip().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException(name + " must be true or false");
        };
    }

    private static Long number(String name, String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String digits = text.strip();
        // Long.valueOf also reads other scripts' digits ("٥٠" as 50), which SOAP refuses
        if (!ASCII_NUMBER.matcher(digits).matches()) {
            throw new IllegalArgumentException(name + " must be a whole number");
        }
        try {
            return Long.valueOf(digits);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number");
        }
    }
}
