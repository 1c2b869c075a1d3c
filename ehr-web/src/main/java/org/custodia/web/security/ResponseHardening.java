package org.custodia.web.security;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Headers every response of the application carries: no content sniffing, no referrer, HSTS over HTTPS; and for
 * the APIs and the staff pages, which carry patient data, no caching. API answers (including record downloads) get
 * a content security policy that lets nothing run or load; the pages get theirs from PrimeFaces, with a nonce per
 * response for its scripts ({@code primefaces.CSP} in web.xml). Faces resources (scripts, styles) stay cacheable.
 * Payara's own {@code Server} and {@code X-Powered-By} headers are switched off in the domain
 * ({@code server-config/payara/domain/10-network.asadmin}).
 */
@WebFilter(filterName = "ResponseHardening", urlPatterns = "/*")
public class ResponseHardening extends HttpFilter {

    static final String API_POLICY = "default-src 'none'; frame-ancestors 'none'; sandbox";
    static final long HSTS_SECONDS = 31_536_000;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        harden(request, response);
        chain.doFilter(request, response);
    }

    /**
     * Sets the headers on {@code response}; also for an answer written before this filter runs, or one reset after
     * it ran (a download that failed before its first byte).
     */
    public static void harden(HttpServletRequest request, HttpServletResponse response) {
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Referrer-Policy", "no-referrer");
        if (request.isSecure()) {
            response.setHeader("Strict-Transport-Security", "max-age=" + HSTS_SECONDS);
        }
        // the container's decoded path, without path parameters: "/api;x=y/..." is the API too
        String path = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
        boolean api = isApiPath(path);
        if (api) {
            response.setHeader("Content-Security-Policy", API_POLICY);
        }
        if (api || !path.startsWith("/jakarta.faces.resource/")) {
            response.setHeader("Cache-Control", "no-store");
        }
    }

    /**
     * Answers with a short static page of the application's own (no script, nothing loaded), where no page of Faces
     * may answer: a refusal made before the request reaches one.
     */
    static void staticPage(HttpServletResponse response, int status, byte[] page) throws IOException {
        response.setStatus(status);
        response.setHeader("Content-Security-Policy", API_POLICY);
        response.setContentType("text/html;charset=UTF-8");
        response.setContentLength(page.length);
        response.getOutputStream().write(page);
    }

    /** Whether {@code path} (within the application) belongs to the staff API or the node API. */
    public static boolean isApiPath(String path) {
        return path.startsWith("/api/") || path.startsWith("/node-api/");
    }
}
