package org.custodia.web.rest;

import java.util.Locale;
import java.util.function.Function;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.custodia.kernel.ChainListPage;

/**
 * The paging of the lists read from the chain (consent entries, a patient's records across the consortium):
 * {@code before} and {@code limit} read from the query, and a list answered as a JSON array with a
 * {@code Link: <...>; rel="next"} header (RFC 8288) to its next, older page when there is one.
 */
final class ChainListPaging {

    private ChainListPaging() {
    }

    /** The window {@code before} (an entry number) and {@code limit} (1 to 200, 100 when absent) ask for. */
    static ChainListPage.Window window(String before, String limit) {
        Long size = number("limit", limit);
        // out of range either way is refused by the window, in its words
        return ChainListPage.Window.of(number("before", before),
                size == null ? null : (int) Math.max(0, Math.min(size, ChainListPage.MAX_LIMIT + 1L)));
    }

    static <T> Response answer(ChainListPage<T> page, Function<T, ?> view, UriInfo request) {
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
        try {
            return Long.valueOf(text.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number");
        }
    }
}
