package org.custodia.web.soap;

import java.util.ArrayList;
import java.util.List;

import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletRequestEvent;
import jakarta.servlet.ServletRequestListener;
import jakarta.servlet.annotation.WebListener;

import org.custodia.records.OpenedRecord;

/**
 * Closes, when a request ends, the records opened for its response: a download's attachment closes its record once
 * written, but a response that fails, or whose client goes away, before the attachment is written must not leave a
 * patient's key or a checked plaintext behind. Closing twice is harmless.
 */
@WebListener
public class OpenedRecords implements ServletRequestListener {

    private static final String ATTRIBUTE = OpenedRecords.class.getName();

    /** Has {@code opened} closed at the end of {@code request}, whatever happens to the response. */
    static void closeAtEndOf(ServletRequest request, OpenedRecord opened) {
        @SuppressWarnings("unchecked")
        List<OpenedRecord> open = (List<OpenedRecord>) request.getAttribute(ATTRIBUTE);
        if (open == null) {
            open = new ArrayList<>();
            request.setAttribute(ATTRIBUTE, open);
        }
        open.add(opened);
    }

    @Override
    public void requestDestroyed(ServletRequestEvent event) {
        @SuppressWarnings("unchecked")
        List<OpenedRecord> open = (List<OpenedRecord>) event.getServletRequest().getAttribute(ATTRIBUTE);
        if (open != null) {
            open.forEach(OpenedRecord::close);
        }
    }
}
