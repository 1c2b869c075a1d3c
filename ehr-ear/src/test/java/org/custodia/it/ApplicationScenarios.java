package org.custodia.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;

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
        assertFalse(HealthReport.parse(response.body()).carriesData(),
                "public readiness names no URL, account or path: " + response.body());
    }

    @Test
    void administratorsSeeEachCheckWithItsFactsAndOthersAreRefused() {
        StaffClient admin = StaffClient.admin();
        HttpResponse<String> details = admin.get("/health");
        assertEquals(200, details.statusCode(), details.body());
        Map<String, JsonObject> checks = HealthReport.details(details.body());
        assertEquals(java.util.Set.of("database", "file-store", "chain-node"), checks.keySet());
        JsonObject chain = checks.get("chain-node");
        assertEquals("UP", chain.getString("status"));
        assertTrue(chain.getJsonObject("details").getString("url").endsWith(":" + TestNode.chainPort()),
                chain.toString());
        assertTrue(chain.getJsonObject("details").getString("account").startsWith("0x"), chain.toString());

        assertEquals(403, admin.createAccount("physician").get("/health").statusCode());
        assertEquals(401, StaffClient.anonymous().get("/health").statusCode());
    }

    @Test
    void plainHttpServesNothingAndRedirectsToHttps() {
        HttpResponse<String> page = TestNode.send(HttpRequest.newBuilder(
                URI.create(TestNode.plainUrl() + "/custodia/staff/patients.xhtml?id=x")).GET());
        assertEquals(308, page.statusCode());
        assertEquals(TestNode.baseUrl() + "/custodia/staff/patients.xhtml?id=x",
                page.headers().firstValue("Location").orElse(""));

        StaffClient admin = StaffClient.admin();
        HttpResponse<String> post = TestNode.send(HttpRequest.newBuilder(URI.create(TestNode.plainUrl()
                        + "/custodia/api/staff")).header("Authorization", admin.basicAuthorization())
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}")));
        assertEquals(308, post.statusCode(), "a credential sent in clear is not accepted");
        assertEquals("", post.body());

        HttpResponse<String> secure = TestNode.get("/custodia/api/node");
        assertEquals(200, secure.statusCode());
        assertEquals("max-age=31536000", secure.headers().firstValue("Strict-Transport-Security").orElse(""));
    }

    /**
     * The domain binds loopback (README): every listener of the server, the data grid's and JMS's too. Before, the
     * data grid listened on every interface for the server's whole life, and JMS during a new domain's first start.
     */
    @Test
    void theServerListensOnLoopbackOnly() throws IOException {
        assertEquals(List.of(), Listeners.beyondLoopback(TestServer.pid()),
                "listeners beyond loopback (address:port in hex, as /proc/net/tcp gives them)");
    }

    @Test
    void noResponseNamesTheServerAndEachCarriesItsSecurityHeaders() {
        StaffClient physician = StaffClient.admin().createAccount("physician");
        String patient = RecordsApi.registerPatient(StaffClient.admin());
        String html = StaffClient.object(physician.upload(RecordsApi.recordsOf(patient, "clinical-note", "Page"),
                "text/html", "<script>alert(1)</script>".getBytes(StandardCharsets.UTF_8))).getString("id");

        HttpResponse<String> page = TestNode.get("/custodia/sign-in.xhtml");
        HttpResponse<String> api = TestNode.get("/custodia/api/node");
        HttpResponse<String> download = physician.get("/records/" + html + "/content");
        HttpResponse<String> missing = TestNode.get("/custodia/no-such-page");
        HttpResponse<String> health = TestNode.get("/health/ready");
        // answered by the authentication mechanism itself, before any filter; before, without these headers
        HttpResponse<String> challenged = TestNode.get("/custodia/api/outbox");
        assertEquals(401, challenged.statusCode());
        for (HttpResponse<String> response : List.of(page, api, download, missing, health, challenged)) {
            String where = response.request().uri().getPath();
            assertEquals(Optional.empty(), response.headers().firstValue("Server"), where);
            assertEquals(Optional.empty(), response.headers().firstValue("X-Powered-By"), where);
            assertFalse(response.body().contains("Payara") || response.body().contains("GlassFish"),
                    where + " names the server: " + response.body());
        }
        for (HttpResponse<String> response : List.of(page, api, download, challenged)) {
            String where = response.request().uri().getPath();
            assertEquals("nosniff", response.headers().firstValue("X-Content-Type-Options").orElse(""), where);
            assertEquals("no-store", response.headers().firstValue("Cache-Control").orElse(""), where);
        }

        assertTrue(challenged.headers().firstValue("Content-Security-Policy").orElse("").contains("sandbox"));

        String pagePolicy = page.headers().firstValue("Content-Security-Policy").orElse("");
        assertTrue(pagePolicy.contains("default-src 'self'") && pagePolicy.contains("frame-ancestors 'none'"),
                pagePolicy);
        assertTrue(pagePolicy.matches(".*script-src 'self' 'nonce-[^']+'.*"), pagePolicy);
        assertFalse(pagePolicy.matches(".*script-src[^;]*unsafe-inline.*"),
                "inline scripts run only with the response's nonce: " + pagePolicy);

        assertEquals(200, download.statusCode(), download.body());
        assertEquals("application/octet-stream", download.headers().firstValue("Content-Type").orElse(""),
                "an HTML record is never served as HTML");
        assertTrue(download.headers().firstValue("Content-Disposition").orElse("").startsWith("attachment"));
        assertTrue(download.headers().firstValue("Content-Security-Policy").orElse("").contains("sandbox"));
        assertEquals("text/html", StaffClient.object(physician.get("/records/" + html)).getString("contentType"),
                "the record keeps its declared type");
    }

    @Test
    void whatTheServerRefusesBeforeTheApiReadsItIsProblemDetailsOnApiPathsAndThePageElsewhere() {
        HttpResponse<String> api = TestNode.send(HttpRequest.newBuilder(URI.create(TestNode.baseUrl()
                        + "/custodia/api/patients"))
                .header("Authorization", StaffClient.admin().basicAuthorization())
                .header("Content-Type", "application/json").header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("{}")));
        assertEquals(400, api.statusCode(), api.body());
        assertEquals("application/problem+json", api.headers().firstValue("Content-Type").orElse("").split(";")[0]);
        JsonObject problem = Json.createReader(new java.io.StringReader(api.body())).readObject();
        assertEquals(400, problem.getInt("status"));
        assertEquals("urn:custodia:problem:http-400", problem.getString("type"));
        assertEquals("/custodia/api/patients", problem.getString("instance"));

        HttpResponse<String> page = TestNode.get("/custodia/no-such-page");
        assertEquals(404, page.statusCode());
        assertTrue(page.headers().firstValue("Content-Type").orElse("").startsWith("text/html"),
                "a page path keeps the error page");
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

    /** A client generated from the document learns each paged list's parameters, their bounds and its Link. */
    @Test
    void openApiDescribesEachPagedListsParametersAndLink() {
        HttpResponse<String> response = TestNode.send(HttpRequest.newBuilder(URI.create(TestNode.baseUrl()
                + "/openapi")).header("Accept", "application/json").GET());
        assertEquals(200, response.statusCode(), response.body());
        JsonObject paths = Json.createReader(new java.io.StringReader(response.body())).readObject()
                .getJsonObject("paths");
        Map<String, Integer> lists = Map.of("/api/grants", 200, "/api/access-requests", 200,
                "/api/emergency-access", 200, "/api/patients/{patientId}/records", 200,
                "/api/patients/{patientId}/consortium-records", 200, "/api/audit", 100);
        lists.forEach((path, largest) -> {
            String key = paths.keySet().stream().filter(name -> name.endsWith(path)).findFirst()
                    .orElseThrow(() -> new AssertionError(path + " not in " + paths.keySet()));
            JsonObject list = paths.getJsonObject(key).getJsonObject("get");
            assertTrue(list != null && list.containsKey("parameters"), path + ": " + paths.get(key));
            Map<String, JsonObject> parameters = new java.util.HashMap<>();
            list.getJsonArray("parameters").getValuesAs(JsonObject.class)
                    .forEach(parameter -> parameters.put(parameter.getString("name"), parameter));
            JsonObject limit = parameters.get("limit");
            assertTrue(limit != null && limit.containsKey("description") && limit.containsKey("schema"),
                    path + ": " + parameters);
            assertEquals("integer", limit.getJsonObject("schema").getString("type"), path + ": " + limit);
            assertEquals(largest, limit.getJsonObject("schema").getJsonNumber("maximum").intValue(), path);
            assertTrue(parameters.containsKey("before") && parameters.get("before").containsKey("description"),
                    path + ": " + parameters);
            JsonObject answered = list.getJsonObject("responses").getJsonObject("200");
            assertTrue(answered != null && answered.containsKey("headers")
                    && answered.getJsonObject("headers").containsKey("Link"), path + ": " + list.get("responses"));
            assertEquals("string", answered.getJsonObject("headers").getJsonObject("Link").getJsonObject("schema")
                    .getString("type"), path);
        });
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

    /**
     * The server's WS-AtomicTransaction services, which Payara deploys beside the first web service of any
     * application, are left out of the build's server (server-config): the node's SOAP contract takes part in no
     * distributed transaction, and their coordinator endpoints were open to anyone (their WSDL served without a
     * sign-in).
     */
    @Test
    void theServerPublishesNoTransactionCoordinator() {
        for (String path : List.of("/__wstx-services/CoordinatorPortType?wsdl",
                "/__wstx-services/CoordinatorPortType11?wsdl")) {
            assertEquals(404, TestNode.get(path).statusCode(), path);
        }
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
