package org.custodia.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.util.Map;

import jakarta.json.Json;
import jakarta.json.JsonObject;

import org.junit.jupiter.api.Test;

/** The EAR deploys into Payara and answers on every channel: health, REST, SOAP, OpenAPI and pages. */
abstract class ApplicationScenarios {


    @Test
    void healthIsUpWithANamedCheckPerDependency() {
        HttpResponse<String> response = TestNode.get("/health/ready");
        assertEquals(200, response.statusCode(), response.body());
        Map<String, String> checks = HealthReport.parse(response.body()).statuses();
        assertEquals(Map.of("database", "UP", "file-store", "UP", "chain-node", "UP"), checks, response.body());
        assertEquals(200, TestNode.get("/health").statusCode());
    }

    @Test
    void restEndpointReachesTheEjbLayer() {
        HttpResponse<String> response = TestNode.get("/custodia/api/node");
        assertEquals(200, response.statusCode(), response.body());
        JsonObject node = Json.createReader(new java.io.StringReader(response.body())).readObject();
        assertEquals("Integration Test Hospital", node.getString("name"));
        assertEquals("hospital", node.getString("role"));
        assertEquals(TestNode.latestSchemaVersion(), node.getString("schemaVersion"),
                "the Flyway migrations ran at start-up");
        assertTrue(node.containsKey("startedAt"));
    }

    @Test
    void openApiDescribesTheRestEndpoints() {
        HttpResponse<String> response = TestNode.get("/openapi");
        assertEquals(200, response.statusCode());
        assertTrue(response.body().contains("/custodia/api/node") || response.body().contains("/api/node"),
                response.body());
    }

    @Test
    void soapEndpointPublishesItsWsdl() {
        HttpResponse<String> response = TestNode.get("/custodia/NodeService?wsdl");
        assertEquals(200, response.statusCode(), response.body());
        String wsdl = response.body();
        assertTrue(wsdl.contains("wsdl:definitions") || wsdl.contains("<definitions"), wsdl);
        assertTrue(wsdl.contains("urn:custodia:node:1"), "target namespace");
        assertTrue(wsdl.contains("getStatus"), "operation");
    }

    @Test
    void soapEndpointAnswersARequest() {
        String envelope = """
                <soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/" xmlns:n="urn:custodia:node:1">
                  <soap:Body><n:getStatus/></soap:Body>
                </soap:Envelope>""";
        HttpResponse<String> response = TestNode.send(java.net.http.HttpRequest
                .newBuilder(java.net.URI.create(TestNode.baseUrl() + "/custodia/NodeService"))
                .header("Content-Type", "text/xml; charset=utf-8")
                .header("SOAPAction", "\"\"")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(envelope)));
        assertEquals(200, response.statusCode(), response.body());
        assertTrue(response.body().contains("<name>Integration Test Hospital</name>"), response.body());
        assertTrue(response.body().contains("<role>hospital</role>"), response.body());
    }

    @Test
    void facesStartPageRendersTheNode() {
        HttpResponse<String> response = TestNode.get("/custodia/");
        assertEquals(200, response.statusCode(), response.body());
        String html = response.body();
        assertTrue(html.contains("id=\"node-name\">Integration Test Hospital<"), html);
        assertTrue(html.contains("id=\"node-role\">hospital<"), html);
        assertTrue(html.contains("id=\"node-schema\">" + TestNode.latestSchemaVersion() + "<"), html);
        assertTrue(html.contains("custodia.css"), "stylesheet linked");
    }
}
