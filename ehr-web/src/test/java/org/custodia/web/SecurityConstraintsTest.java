package org.custodia.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * web.xml puts the staff API and the staff pages behind sign-in, and never the node API (whose callers sign instead),
 * the sign-in page or the pages' resources.
 */
class SecurityConstraintsTest {

    @Test
    void noConstraintCoversTheNodeApi() throws Exception {
        List<String> patterns = constrainedUrlPatterns();

        assertTrue(patterns.contains("/api/patients/*"), patterns.toString());
        assertTrue(patterns.contains("/staff/*"), patterns.toString());
        for (String pattern : patterns) {
            assertFalse(pattern.equals("/*") || pattern.equals("/") || pattern.startsWith("/node-api"), pattern);
            assertFalse(pattern.equals("*.xhtml") || pattern.contains("sign-in") || pattern.contains("faces.resource"),
                    pattern);
        }
    }

    /**
     * Every staff API resource is behind sign-in, so that a caller without credentials is challenged (401) and not
     * refused and audited as {@code anonymous} by the access policy: {@code /api/outbox} was left out once. Only the
     * public node description stays out.
     */
    @Test
    void everyStaffApiResourceIsBehindSignIn() throws Exception {
        List<String> patterns = constrainedUrlPatterns();
        List<String> resources = new ArrayList<>();
        try (Stream<Path> classes = Files.list(Path.of("target", "classes", "org", "custodia", "web", "rest"))) {
            for (Path file : classes.filter(f -> f.toString().endsWith(".class")).toList()) {
                String name = file.getFileName().toString().replace(".class", "");
                jakarta.ws.rs.Path path = Class.forName("org.custodia.web.rest." + name)
                        .getAnnotation(jakarta.ws.rs.Path.class);
                if (path != null) {
                    resources.add(path.value().split("/")[0]);
                }
            }
        }

        assertTrue(resources.contains("outbox") && resources.contains("patients"), resources.toString());
        for (String resource : resources) {
            assertEquals(!resource.equals("node"), patterns.contains("/api/" + resource + "/*"), resource);
        }
    }

    private static List<String> constrainedUrlPatterns() throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        Element webApp = factory.newDocumentBuilder()
                .parse(Path.of("src", "main", "webapp", "WEB-INF", "web.xml").toFile()).getDocumentElement();
        List<String> patterns = new ArrayList<>();
        NodeList constraints = webApp.getElementsByTagNameNS("*", "security-constraint");
        for (int i = 0; i < constraints.getLength(); i++) {
            NodeList urls = ((Element) constraints.item(i)).getElementsByTagNameNS("*", "url-pattern");
            for (int j = 0; j < urls.getLength(); j++) {
                patterns.add(urls.item(j).getTextContent().trim());
            }
        }
        return patterns;
    }
}
