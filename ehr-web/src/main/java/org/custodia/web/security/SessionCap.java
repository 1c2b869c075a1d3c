package org.custodia.web.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;

import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * A page asked for without a session, while the node holds as many sessions as it may ({@link OpenSessions}), is
 * answered 503 with {@code Retry-After} and a short static page (no script, nothing loaded): no one signs in until
 * some session ends. Mapped after {@link ResponseHardening} (web.xml), so the page carries every header an answer does. Staff already signed
 * in keep their sessions and are served; the APIs start no sessions and are not concerned.
 */
@WebFilter(filterName = "SessionCap", urlPatterns = "*.xhtml")
public class SessionCap extends HttpFilter {

    static final int RETRY_AFTER_SECONDS = 60;
    private static final Logger LOG = Logger.getLogger(SessionCap.class.getName());
    private static final long LOG_EVERY_NANOS = TimeUnit.MINUTES.toNanos(1);
    private static final byte[] PAGE = ("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
            + "<title>Busy</title></head><body><h1>The node is busy</h1><p>As many staff are signed in as it allows. "
            + "Try again in a minute; staff signed in are not affected.</p></body></html>")
            .getBytes(StandardCharsets.UTF_8);

    @Inject
    private OpenSessions sessions;

    /** When a refusal was last logged: at most one line a minute while the node stays full. */
    private final AtomicLong lastLogged = new AtomicLong(System.nanoTime() - LOG_EVERY_NANOS);

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (request.getSession(false) == null && sessions.full()) {
            logRefusal();
            response.setHeader("Retry-After", Integer.toString(RETRY_AFTER_SECONDS));
            ResponseHardening.staticPage(response, HttpServletResponse.SC_SERVICE_UNAVAILABLE, PAGE);
            return;
        }
        chain.doFilter(request, response);
    }

    private void logRefusal() {
        long now = System.nanoTime();
        long last = lastLogged.get();
        if (now - last >= LOG_EVERY_NANOS && lastLogged.compareAndSet(last, now)) {
            LOG.warning(() -> "The node holds " + sessions.max() + " sessions (" + OpenSessions.MAX_SESSIONS
                    + "): pages asked for without one, and so new sign-ins, are refused with 503 until some end "
                    + "(each session is a sign-in; raise the bound if this many staff work at once).");
        }
    }
}
