package org.custodia.web.rest;

import java.io.IOException;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.core.Response;
import org.custodia.web.dto.ProblemDetails;
import org.custodia.web.security.ResponseHardening;

/**
 * Errors the servlet container answers itself, before any API resource sees the request (a request it cannot take,
 * such as one with two {@code Content-Type} headers), as problem details when the request was for an API path, like
 * every other API answer. Every other path keeps the staff error page that web.xml names.
 */
@WebFilter(filterName = "ContainerErrorProblems", urlPatterns = "/error.xhtml", dispatcherTypes = DispatcherType.ERROR)
public class ContainerErrorProblems extends HttpFilter {

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        Object requested = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        String context = request.getContextPath();
        if (!(requested instanceof String uri) || !uri.startsWith(context)
                || !ResponseHardening.isApiPath(uri.substring(context.length()))) {
            chain.doFilter(request, response);
            return;
        }
        int status = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE) instanceof Integer code ? code : 500;
        Response.Status known = Response.Status.fromStatusCode(status);
        String detail = status < 500
                ? "the server refused the request before the API read it (for example a header given twice); "
                        + "nothing was done"
                : "the server failed before the API read the request; try again, and tell the operator if it "
                        + "persists";
        response.setStatus(status);
        response.setContentType(ProblemDetails.MEDIA_TYPE);
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write(new ProblemDetails("urn:custodia:problem:http-" + status,
                known == null ? "HTTP " + status : known.getReasonPhrase(), status, detail, uri).toJson());
    }
}
