package org.custodia.web.rest;

import java.util.function.Function;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.custodia.sharing.ConsentPage;

/**
 * The paging of the consent lists: {@code before} and {@code limit} read from the query, and a list answered as a
 * JSON array with a {@code Link: <...>; rel="next"} header (RFC 8288) to its next, older page when there is one.
 */
final class ConsentPaging {

    private ConsentPaging() {
    }

    /** The window {@code before} (an entry id) and {@code limit} (1 to 200, 100 when absent) ask for. */
    static ConsentPage.Window window(String before, String limit) {
        Long size = number("limit", limit);
        // out of range either way is refused by the window, in its words
        return ConsentPage.Window.of(number("before", before),
                size == null ? null : (int) Math.max(0, Math.min(size, ConsentPage.MAX_LIMIT + 1L)));
    }

    static <T> Response answer(ConsentPage<T> page, Function<T, ?> view, UriInfo request) {
        Response.ResponseBuilder answer = Response.ok(page.entries().stream().map(view).toList());
        page.nextBefore().ifPresent(next -> answer.link(
                request.getRequestUriBuilder().replaceQueryParam("before", next).build(), "next"));
        return answer.build();
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
