package org.custodia.web;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

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
