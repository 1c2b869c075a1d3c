package org.custodia.web.security;

import java.io.Serializable;

import jakarta.enterprise.inject.spi.CDI;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebListener;
import jakarta.servlet.http.HttpSessionActivationListener;
import jakarta.servlet.http.HttpSessionEvent;
import jakarta.servlet.http.HttpSessionListener;

/**
 * Counts the sessions the container starts and ends into {@link OpenSessions}, and those it restores from disk
 * (after a restart, when it keeps sessions across one) or writes out, which it neither starts nor ends.
 */
@WebListener
public class SessionCounting implements HttpSessionListener {

    static final String COUNTED = SessionCounting.class.getName();

    @Inject
    private OpenSessions sessions;

    @Inject
    private AccountSessions accounts;

    @Override
    public void sessionCreated(HttpSessionEvent event) {
        sessions.started();
        event.getSession().setAttribute(COUNTED, new Counted());
    }

    @Override
    public void sessionDestroyed(HttpSessionEvent event) {
        sessions.ended();
        accounts.ended(event.getSession());
    }

    /** Kept in each session: told when the container writes the session out or reads it back. */
    static final class Counted implements HttpSessionActivationListener, Serializable {

        private static final long serialVersionUID = 1L;

        @Override
        public void sessionWillPassivate(HttpSessionEvent event) {
            CDI.current().select(OpenSessions.class).get().ended();
            CDI.current().select(AccountSessions.class).get().ended(event.getSession());
        }

        @Override
        public void sessionDidActivate(HttpSessionEvent event) {
            CDI.current().select(OpenSessions.class).get().started();
            CDI.current().select(AccountSessions.class).get().restored(event.getSession());
        }
    }
}
