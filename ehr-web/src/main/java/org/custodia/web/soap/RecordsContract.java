package org.custodia.web.soap;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Publishes the records contract as written ({@code WEB-INF/wsdl/records-1.wsdl} and its schema) at
 * {@code RecordsService?wsdl} and {@code RecordsService?xsd=1}, with the addresses of this node as the client reached
 * it. The contract carries the WS-SecurityPolicy clients follow; the SOAP runtime runs from the classes generated
 * from it instead, so that Metro's own WS-Security layer, which reads whole messages (attachments included) into
 * memory or temporary files, never sees a request: the staff sign-in has checked the token already.
 */
@WebFilter(filterName = "RecordsContract", urlPatterns = {"/RecordsService", "/RecordsService12"})
public class RecordsContract extends HttpFilter {

    private static final long serialVersionUID = 1L;
    private static final String WSDL = "/WEB-INF/wsdl/records-1.wsdl";
    private static final String XSD = "/WEB-INF/wsdl/records-1.xsd";
    /** The addresses the contract is written with, replaced by this node's. */
    private static final String WRITTEN_BASE = "https://localhost:8181/custodia";

    private String wsdl;
    private String xsd;

    /** Reads the contract once, with this node's addresses: those of {@code custodia.node.public-url}. */
    @Override
    public void init() throws ServletException {
        String base = ConfigProvider.getConfig().getValue("custodia.node.public-url", String.class)
                .replaceAll("/+$", "");
        wsdl = resource(WSDL).replace(WRITTEN_BASE, base).replace("schemaLocation=\"records-1.xsd\"",
                "schemaLocation=\"" + base + "/RecordsService?xsd=1\"");
        xsd = resource(XSD);
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String query = request.getQueryString() == null ? "" : request.getQueryString().toLowerCase(Locale.ROOT);
        if (!"GET".equals(request.getMethod()) || !(query.equals("wsdl") || query.equals("xsd=1"))) {
            chain.doFilter(request, response);
            return;
        }
        String document = query.equals("wsdl") ? wsdl : xsd;
        response.setContentType("text/xml; charset=UTF-8");
        response.getOutputStream().write(document.getBytes(StandardCharsets.UTF_8));
    }

    private String resource(String path) throws ServletException {
        try (InputStream in = getServletContext().getResourceAsStream(path)) {
            if (in == null) {
                throw new ServletException("the records contract " + path + " is missing from the application");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ServletException("cannot read the records contract " + path, e);
        }
    }
}
