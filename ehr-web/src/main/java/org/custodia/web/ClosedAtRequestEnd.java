package org.custodia.web;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletRequestEvent;
import jakarta.servlet.ServletRequestListener;
import jakarta.servlet.annotation.WebListener;

/**
 * Closes, when a request ends, what was opened for its response and is closed by writing it: a record opened for a
 * SOAP download (a patient's key or a checked plaintext), a proxy's re-encryption (the custodian's stream, and the
 * audit of an access logged on chain that served nothing), an envelope a custodian releases to a proxy. A response
 * that fails, or is dropped, before its body is written must not leave them behind. Closing twice is harmless.
 */
@WebListener
public class ClosedAtRequestEnd implements ServletRequestListener {

    private static final Logger LOG = Logger.getLogger(ClosedAtRequestEnd.class.getName());
    private static final String ATTRIBUTE = ClosedAtRequestEnd.class.getName();

    /** Has {@code resource} closed at the end of {@code request}, whatever happens to the response. */
    public static void closeAtEndOf(ServletRequest request, AutoCloseable resource) {
        @SuppressWarnings("unchecked")
        List<AutoCloseable> open = (List<AutoCloseable>) request.getAttribute(ATTRIBUTE);
        if (open == null) {
            open = new ArrayList<>();
            request.setAttribute(ATTRIBUTE, open);
        }
        open.add(resource);
    }

    @Override
    public void requestDestroyed(ServletRequestEvent event) {
        @SuppressWarnings("unchecked")
        List<AutoCloseable> open = (List<AutoCloseable>) event.getServletRequest().getAttribute(ATTRIBUTE);
        if (open == null) {
            return;
        }
        for (AutoCloseable resource : open) {
            try {
                resource.close();
            } catch (Exception e) {
                LOG.log(Level.WARNING, "what a response had opened could not be closed at the request's end", e);
            }
        }
    }
}
