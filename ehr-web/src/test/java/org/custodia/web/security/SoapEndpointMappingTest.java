package org.custodia.web.security;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The SOAP records service signs its callers in by their UsernameToken on the paths {@link StaffAuthentication}
 * knows as SOAP only: the servlets of its endpoints must be mapped to exactly those paths, or a request could reach
 * an endpoint unchecked.
 */
class SoapEndpointMappingTest {

    @Test
    void theSoapEndpointsAreMappedOnlyWhereTheirCallersAreSignedIn() throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        Element webApp = factory.newDocumentBuilder()
                .parse(Path.of("src", "main", "webapp", "WEB-INF", "web.xml").toFile()).getDocumentElement();
        Set<String> soapServlets = new HashSet<>();
        NodeList servlets = webApp.getElementsByTagNameNS("*", "servlet");
        for (int i = 0; i < servlets.getLength(); i++) {
            Element servlet = (Element) servlets.item(i);
            if (text(servlet, "servlet-class").startsWith("org.custodia.web.soap.")) {
                soapServlets.add(text(servlet, "servlet-name"));
            }
        }
        assertEquals(2, soapServlets.size(), "SOAP 1.1 and 1.2");
        Set<String> paths = new HashSet<>();
        NodeList mappings = webApp.getElementsByTagNameNS("*", "servlet-mapping");
        for (int i = 0; i < mappings.getLength(); i++) {
            Element mapping = (Element) mappings.item(i);
            if (soapServlets.contains(text(mapping, "servlet-name"))) {
                NodeList urls = mapping.getElementsByTagNameNS("*", "url-pattern");
                for (int j = 0; j < urls.getLength(); j++) {
                    paths.add(urls.item(j).getTextContent().trim());
                }
            }
        }
        assertEquals(StaffAuthentication.Channel.SOAP_PATHS, paths);
        for (String path : paths) {
            assertEquals(StaffAuthentication.Channel.SOAP, StaffAuthentication.Channel.of(path, null), path);
        }
    }

    private static String text(Element parent, String name) {
        return parent.getElementsByTagNameNS("*", name).item(0).getTextContent().trim();
    }
}
