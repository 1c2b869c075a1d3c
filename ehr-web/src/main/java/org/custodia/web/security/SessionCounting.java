package org.custodia.web.security;

import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebListener;
import jakarta.servlet.http.HttpSessionEvent;
import jakarta.servlet.http.HttpSessionListener;

/** Counts the sessions the container starts and ends into {@link OpenSessions}. */
@WebListener
public class SessionCounting implements HttpSessionListener {

    @Inject
    private OpenSessions sessions;

    @Override
    public void sessionCreated(HttpSessionEvent event) {
        sessions.started();
    }

    @Override
    public void sessionDestroyed(HttpSessionEvent event) {
        sessions.ended();
    }
}
