package org.custodia.web.security;

import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The HTTP sessions this node holds, and how many it may hold ({@code custodia.web.max-sessions}). A session starts
 * when a staff member signs in (the pages anyone may ask for, sign-in included, are stateless), and each holds the
 * views of the staff pages it opened (state is saved on the server), so the bound is on signed-in staff and their
 * memory. Counted by {@link SessionCounting}; pages asked for without a session, and so new sign-ins, refused by
 * {@link SessionCap} once the bound is reached. The count never goes below zero: sessions saved
 * by a version that did not count them end uncounted. A bound below 1 stops the application's start.
 */
@ApplicationScoped
public class OpenSessions {

    static final String MAX_SESSIONS = "custodia.web.max-sessions";

    private final AtomicInteger open = new AtomicInteger();
    private int max;

    protected OpenSessions() {
        // for CDI proxies
    }

    @Inject
    public OpenSessions(@ConfigProperty(name = MAX_SESSIONS, defaultValue = "5000") int max) {
        if (max < 1) {
            throw new IllegalArgumentException(MAX_SESSIONS + " must be at least 1, not " + max);
        }
        this.max = max;
    }

    void readAtStartup(@Observes @Initialized(ApplicationScoped.class) Object applicationStarted) {
        // observing the start event creates this bean, and so checks its bound, as the application starts
    }

    void started() {
        open.incrementAndGet();
    }

    void ended() {
        open.updateAndGet(count -> Math.max(0, count - 1));
    }

    /** Whether the node holds as many sessions as it may: no new one is started. */
    boolean full() {
        return open.get() >= max;
    }

    int max() {
        return max;
    }
}
