package org.custodia.web.pages;

import java.io.IOException;
import java.util.Set;

import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.custodia.kernel.ServiceException;
import org.custodia.records.OpenedRecord;
import org.custodia.records.RecordDetails;
import org.custodia.records.RecordId;
import org.custodia.records.RecordService;
import org.custodia.web.rest.Problems;
import org.custodia.web.security.ResponseHardening;
import org.custodia.web.security.ServedContentType;

/**
 * {@code GET /staff/records/{id}/content}: a record's content for the signed-in staff member, through the same
 * service (access policy, audit, integrity checks) as the REST API. With {@code ?inline} a PDF or an image is shown
 * in the browser; anything else, and everything without it, is a download. Nothing a record holds is ever rendered
 * as a page of this site: only those media types are inline, active types are served opaque
 * ({@link ServedContentType}), the browser may not guess another ({@code nosniff}, from
 * {@link org.custodia.web.security.ResponseHardening}), and a content security policy forbids scripts.
 */
@WebServlet("/staff/records/*")
public class RecordContentServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final String SUFFIX = "/content";
    /** The request attribute the error page shows, when it is set, instead of its own words. */
    static final String ERROR_REASON = "org.custodia.web.error.reason";
    /** The media types shown inline with {@code ?inline}; everything else is always an attachment. */
    static final Set<String> INLINE = Set.of("application/pdf", "image/png", "image/jpeg", "image/gif",
            "image/webp");

    @EJB
    private RecordService records;
    @Inject
    private PageMessages messages;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        serve(request, response, true);
    }

    /**
     * The download's headers only: the record's metadata is read (audited as such), nothing is decrypted. The
     * servlet's own HEAD ran the GET and discarded the body: the record was decrypted and audited as downloaded.
     */
    @Override
    protected void doHead(HttpServletRequest request, HttpServletResponse response) throws IOException {
        serve(request, response, false);
    }

    private void serve(HttpServletRequest request, HttpServletResponse response, boolean withContent)
            throws IOException {
        String path = request.getPathInfo();
        if (path == null || !path.endsWith(SUFFIX) || path.length() <= SUFFIX.length() + 1) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        String id = path.substring(1, path.length() - SUFFIX.length());
        try {
            if (!withContent) {
                headers(request, response, records.details(RecordId.given(id)));
                return;
            }
            try (OpenedRecord opened = records.open(RecordId.given(id))) {
                headers(request, response, opened.details());
                // not closed here: closing commits the response, and a large record that fails its checks before
                // its first byte must still get the error page (the container closes it after a write)
                opened.writeTo(response.getOutputStream());
            }
        } catch (ServiceException e) {
            if (response.isCommitted()) {
                // a large record failed its checks after streaming began: the response stays incomplete
                throw e;
            }
            withoutDownloadHeaders(request, response);
            // the service's words for staff, shown by the error page (escaped)
            request.setAttribute(ERROR_REASON, messages.explanation(e));
            response.sendError(Problems.kind(e.failure()).status());
        } catch (IOException | RuntimeException e) {
            if (!response.isCommitted()) {
                // the container's error page, not an attachment of the record's length
                withoutDownloadHeaders(request, response);
            }
            throw e;
        }
    }

    /** Drops a download's headers set before its content failed, keeping the hardening every answer has. */
    private static void withoutDownloadHeaders(HttpServletRequest request, HttpServletResponse response) {
        response.reset();
        ResponseHardening.harden(request, response);
    }

    private static void headers(HttpServletRequest request, HttpServletResponse response, RecordDetails details) {
        boolean inline = request.getParameter("inline") != null && INLINE.contains(details.contentType());
        response.setContentType(ServedContentType.of(details.contentType()));
        response.setContentLengthLong(details.size());
        response.setHeader("Content-Disposition", (inline ? "inline" : "attachment") + "; filename=\""
                + details.id() + "\"");
        // never framed: a page of another host of the same site would show the record in the staff member's
        // session
        response.setHeader("Content-Security-Policy", "default-src 'none'; img-src 'self'; "
                + "style-src 'unsafe-inline'; frame-ancestors 'none'");
        response.setHeader("X-Frame-Options", "DENY");
    }
}
