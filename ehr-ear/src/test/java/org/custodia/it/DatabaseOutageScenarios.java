package org.custodia.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import javax.xml.parsers.DocumentBuilderFactory;

import jakarta.json.JsonObject;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.xml.sax.InputSource;

/**
 * The node's database out of reach (PostgreSQL, the production database: it stops accepting connections and the
 * node's open ones are ended, as when the server restarts or the network fails): a request that needs it gets a typed
 * 503 to retry over REST and an {@code unavailable} server fault over SOAP, never an empty error, whether the outage
 * meets the request when its caller is checked or later, in the service; a staff page answers with a short page
 * naming the log's reference (its session's account cannot be read); health says the database is DOWN; once the
 * database accepts connections again the node serves the next request as before, without a restart (its pool checks
 * each connection with a query and replaces those the server ended), and the staff member's session carries on.
 * And a database that refuses an upload's audit entry keeps no record of the upload: the record and its entry commit
 * together or not at all; one that refuses a sign-in's entry leaves no one signed in.
 */
abstract class DatabaseOutageScenarios {

    private static final String SOAP_11 = "http://schemas.xmlsoap.org/soap/envelope/";
    private static final String RECORDS = "urn:custodia:records:1";

    /** The database the PostgreSQL test domain's pool connects to. */
    private static final String NODE_DATABASE = "postgres";

    @Test
    void aDatabaseOutOfReachIsATypedAnswerToRetryAndTheNodeRecoversOnItsOwn() throws Exception {
        StaffClient clerk = StaffClient.admin().createAccount("clerk");
        String unknownPatient = "/patients/" + UUID.randomUUID();
        assertEquals(404, clerk.get(unknownPatient).statusCode(), "signed in, the database answers");
        String pageSession;
        try (Browser browser = Browser.start()) {
            SignInPage.open(browser).signInAs(clerk);
            pageSession = "JSESSIONID=" + browser.driver().manage().getCookieNamed("JSESSIONID").getValue();
        }
        HttpRequest.Builder home = HttpRequest.newBuilder(URI.create(TestNode.baseUrl()
                + "/custodia/staff/index.xhtml")).header("Cookie", pageSession).GET();
        assertEquals(200, TestNode.send(home).statusCode(), "a staff page with the session");
        try (Connection administrator = TestDatabase.postgres().getDatabase("postgres", "template1")
                .getConnection()) {
            try {
                refuseConnections(administrator, true);
                // the clerk's credentials were checked a moment ago and are recalled without the database, so the
                // outage meets the request inside the service; another password has to be checked against it
                StaffClient unchecked = clerk.withPassword("a password the node has not checked");
                for (StaffClient caller : new StaffClient[] {clerk, unchecked}) {
                    String who = caller == clerk ? "recalled caller: " : "caller to check: ";
                    HttpResponse<String> refused = caller.get(unknownPatient);
                    assertEquals(503, refused.statusCode(), who + refused.body());
                    assertTrue(refused.headers().firstValue("Content-Type").orElse("")
                            .startsWith("application/problem+json"), who + refused.headers());
                    JsonObject problem = StaffClient.object(refused);
                    assertEquals("urn:custodia:problem:unavailable", problem.getString("type"), who + refused.body());
                    assertTrue(problem.getString("detail").contains("database cannot be reached"), refused.body());
                    assertTrue(problem.getString("detail").contains("reference"), refused.body());

                    HttpResponse<String> fault = soap11(caller, "<c:getPatient><c:patientId>" + UUID.randomUUID()
                            + "</c:patientId></c:getPatient>");
                    assertEquals(500, fault.statusCode(), who + fault.body());
                    assertUnavailableServerFault(fault.body());
                }

                // a session's account is read from the database on each page
                HttpResponse<String> page = TestNode.send(home);
                assertEquals(503, page.statusCode(), page.body());
                assertTrue(page.body().contains("The node cannot reach its database"), page.body());
                assertTrue(page.body().matches("(?s).*give the node's operators the reference [0-9a-f-]{36}\\..*"),
                        page.body());
                assertTrue(page.headers().firstValue("Content-Type").orElse("").startsWith("text/html"),
                        page.headers().toString());
                assertEquals("nosniff", page.headers().firstValue("X-Content-Type-Options").orElse(""),
                        "the headers every answer carries");

                HttpResponse<String> health = TestNode.get("/health/ready");
                assertEquals(503, health.statusCode(), health.body());
                assertEquals("DOWN", HealthReport.parse(health.body()).statuses().get("database"), health.body());
            } finally {
                refuseConnections(administrator, false);
            }
        }
        assertEquals(404, clerk.get(unknownPatient).statusCode(),
                "served again at once: the pool replaced the connections the server ended");
        assertEquals(200, TestNode.get("/health/ready").statusCode(), "the database is UP again");
        assertEquals(200, TestNode.send(home).statusCode(), "the session outlived the outage");
    }

    @Test
    void anUploadWhoseAuditEntryTheDatabaseRefusesLeavesNoRecordAndIsAuditedAsFailed() throws Exception {
        StaffClient physician = StaffClient.admin().createAccount("physician");
        StaffClient privacyOfficer = StaffClient.admin().createAccount("privacy-officer");
        String patient = RecordsApi.registerPatient(StaffClient.admin());
        HttpResponse<String> uploaded;
        long envelopesBefore = storedEnvelopes();
        try (Connection node = TestDatabase.postgres().getDatabase(NODE_DATABASE, NODE_DATABASE).getConnection();
             Statement statement = node.createStatement()) {
            // a fault the database raises inside the upload's transaction, for this physician's succeeded uploads only
            try (RefusedEntries refused = new RefusedEntries(statement, physician.username(), "record.upload")) {
                uploaded = physician.upload(RecordsApi.recordsOf(patient, "laboratory", "Refused entry"),
                        "text/plain", "7.1 mmol/L".getBytes(StandardCharsets.UTF_8));
            }
        }
        assertEquals(500, uploaded.statusCode(), uploaded.body());
        assertTrue(StaffClient.object(uploaded).getString("detail").contains("reference"), uploaded.body());

        HttpResponse<String> records = physician.get("/patients/" + patient + "/records");
        assertEquals(200, records.statusCode(), records.body());
        assertEquals(0, StaffClient.array(records).size(), "no record without its audit entry: " + records.body());
        assertEquals(envelopesBefore, storedEnvelopes(), "nor its envelope in the file store");
        HttpResponse<String> entries = privacyOfficer.get("/audit?action=record.upload&actor="
                + physician.username());
        assertEquals(200, entries.statusCode(), entries.body());
        assertEquals(List.of("failed"), StaffClient.array(entries).stream().map(JsonObject.class::cast)
                .map(entry -> entry.getString("outcome")).toList(), "the attempt audited once: " + entries.body());
        assertEquals(201, physician.upload(RecordsApi.recordsOf(patient, "laboratory", "Accepted entry"),
                "text/plain", "7.2 mmol/L".getBytes(StandardCharsets.UTF_8)).statusCode(),
                "uploads are recorded again once the database accepts their entries");
        assertEquals(envelopesBefore + 1, storedEnvelopes(), "the accepted upload's envelope is stored");
    }

    /** How many envelopes the node's file store holds under storage keys (not set aside, not being written). */
    private static long storedEnvelopes() throws IOException {
        Path store = TestNode.dataDirectory().resolve("filestore");
        try (Stream<Path> files = Files.find(store, 3, (path, attributes) -> attributes.isRegularFile()
                && path.getNameCount() == store.getNameCount() + 3
                && path.getFileName().toString().matches("[0-9a-f]{64}"))) {
            return files.count();
        }
    }

    @Test
    void aSignInWhoseAuditEntryTheDatabaseRefusesLeavesNoOneSignedIn() throws Exception {
        StaffClient clerk = StaffClient.admin().createAccount("clerk");
        try (Connection node = TestDatabase.postgres().getDatabase(NODE_DATABASE, NODE_DATABASE).getConnection();
             Statement statement = node.createStatement();
             Browser browser = Browser.start()) {
            // a fault the database raises when this clerk's sign-in is audited as succeeded, and at no other insert
            try (RefusedEntries refused = new RefusedEntries(statement, clerk.username(), "staff.sign-in")) {
                SignInPage.open(browser).submit(clerk.username(), clerk.password());
                browser.open("/custodia/staff/index.xhtml");
                new SignInPage(browser);  // waits for the sign-in form: the staff page was not served
            }
            assertTrue(SignInPage.open(browser).signInAs(clerk).welcome().contains(clerk.username()),
                    "signed in once the database takes the entry");
        }
    }

    /**
     * A SOAP 1.1 {@code Server} fault whose detail is the records service's {@code unavailable} element, read by
     * namespace (the prefixes differ between the faults the caller check writes and those the SOAP runtime writes).
     */
    private static void assertUnavailableServerFault(String body) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        Document document = factory.newDocumentBuilder().parse(new InputSource(new StringReader(body)));
        Element code = (Element) document.getElementsByTagName("faultcode").item(0);
        assertTrue(code != null, body);
        String[] prefixed = code.getTextContent().trim().split(":", 2);
        assertEquals(SOAP_11, code.lookupNamespaceURI(prefixed.length == 2 ? prefixed[0] : null), body);
        assertEquals("Server", prefixed[prefixed.length - 1], body);
        Element unavailable = (Element) document.getElementsByTagNameNS(RECORDS, "unavailable").item(0);
        assertTrue(unavailable != null, body);
        assertEquals("urn:custodia:problem:unavailable",
                unavailable.getElementsByTagNameNS(RECORDS, "type").item(0).getTextContent(), body);
    }

    /**
     * While open, the node's database refuses the succeeded audit entries of one action by one actor, with an error
     * raised inside the transaction that writes them, and takes every other entry.
     */
    private static final class RefusedEntries implements AutoCloseable {

        private final Statement statement;

        RefusedEntries(Statement statement, String actor, String action) throws SQLException {
            this.statement = statement;
            statement.execute("CREATE FUNCTION refuse_audit_entry() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
                    + "RAISE EXCEPTION 'audit entry refused by the test'; END $$");
            statement.execute("CREATE TRIGGER refuse_audit_entry BEFORE INSERT ON audit_entry FOR EACH ROW WHEN "
                    + "(NEW.actor = '" + actor + "' AND NEW.action = '" + action + "' AND NEW.outcome = 'SUCCEEDED') "
                    + "EXECUTE FUNCTION refuse_audit_entry()");
        }

        @Override
        public void close() throws SQLException {
            statement.execute("DROP TRIGGER refuse_audit_entry ON audit_entry");
            statement.execute("DROP FUNCTION refuse_audit_entry()");
        }
    }

    /** Makes the node's database refuse new connections and ends the open ones, or accept them again. */
    private static void refuseConnections(Connection administrator, boolean refuse) throws SQLException {
        try (Statement statement = administrator.createStatement()) {
            statement.execute("ALTER DATABASE " + NODE_DATABASE + " ALLOW_CONNECTIONS " + !refuse);
            if (refuse) {
                // waits up to 5 s for each ended session to be gone
                statement.execute("SELECT pg_terminate_backend(pid, 5000) FROM pg_stat_activity WHERE datname = '"
                        + NODE_DATABASE + "' AND pid <> pg_backend_pid()");
            }
        }
    }

    private static HttpResponse<String> soap11(StaffClient caller, String body) {
        String envelope = "<S:Envelope xmlns:S=\"http://schemas.xmlsoap.org/soap/envelope/\" "
                + "xmlns:c=\"urn:custodia:records:1\"><S:Header><wsse:Security xmlns:wsse=\"http://docs.oasis-open.org"
                + "/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd\"><wsse:UsernameToken><wsse:Username>"
                + caller.username() + "</wsse:Username><wsse:Password>" + caller.password() + "</wsse:Password>"
                + "</wsse:UsernameToken></wsse:Security></S:Header><S:Body>" + body + "</S:Body></S:Envelope>";
        return TestNode.send(HttpRequest.newBuilder(URI.create(TestNode.baseUrl() + "/custodia/RecordsService"))
                .header("Content-Type", "text/xml; charset=UTF-8").header("SOAPAction", "\"\"")
                .POST(HttpRequest.BodyPublishers.ofString(envelope)));
    }

}
