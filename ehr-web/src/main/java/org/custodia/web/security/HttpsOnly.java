package org.custodia.web.security;

import java.net.URI;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Plain HTTP is answered with a 308 redirect to the node's HTTPS origin (that of {@code custodia.node.public-url},
 * when it is an {@code https} URL), which keeps the method: nothing is served over it, and a password sent over it is
 * never checked. {@link StaffAuthentication} applies it first, to every request of the application.
 */
@ApplicationScoped
public class HttpsOnly {

    @Inject
    @ConfigProperty(name = "custodia.node.public-url")
    private String publicUrl;

    private String httpsOrigin;

    @PostConstruct
    void readOrigin() {
        URI url = URI.create(publicUrl);
        httpsOrigin = "https".equals(url.getScheme())
                ? "https://" + url.getHost() + (url.getPort() < 0 ? "" : ":" + url.getPort()) : null;
    }

    /** Redirects a plain HTTP request; whether it did (the response is then complete). */
    boolean redirected(HttpServletRequest request, HttpServletResponse response) {
        if (request.isSecure() || httpsOrigin == null) {
            return false;
        }
        String query = request.getQueryString();
        response.setStatus(308);
        response.setHeader("Location", httpsOrigin + request.getRequestURI() + (query == null ? "" : "?" + query));
        response.setHeader("Cache-Control", "no-store");
        return true;
    }
}
