package org.custodia.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.sun.net.httpserver.HttpServer;
import jakarta.json.JsonObject;

import org.custodia.it.soap.DownloadRecord;
import org.custodia.it.soap.DownloadRecordResponse;
import org.custodia.it.soap.FindPatient;
import org.custodia.it.soap.ForbiddenFault;
import org.custodia.it.soap.GetPatient;
import org.custodia.it.soap.GetRecord;
import org.custodia.it.soap.InvalidRequestFault;
import org.custodia.it.soap.ListRecords;
import org.custodia.it.soap.ListRecordsResponse;
import org.custodia.it.soap.NotFoundFault;
import org.custodia.it.soap.Patient;
import org.custodia.it.soap.Record;
import org.custodia.it.soap.Records;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The SOAP records service on a running node: the contract published as written, a client generated from it
 * following its UsernameToken and MTOM policies over SOAP 1.1 and 1.2, a 100 MiB record round trip as MTOM, records
 * inline for a client without MTOM (up to 1 MiB, larger ones refused and audited as refused), typed faults with
 * REST's problem types, the caller's roles deciding, and hostile or malformed envelopes (posted raw, as SOAP 1.1 and
 * 1.2) refused with a clean fault, changing nothing and fetching nothing.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class SoapScenarios {

    private static final String SERVICE = "/custodia/RecordsService";
    private static final String CONTRACT = "../ehr-web/src/main/webapp/WEB-INF/wsdl/records-1.wsdl";
    private static final String SOAP11 = "http://schemas.xmlsoap.org/soap/envelope/";
    private static final String SOAP12 = "http://www.w3.org/2003/05/soap-envelope";
    private static final long HUNDRED_MIB = 100L << 20;

    private final StaffClient admin = StaffClient.admin();
    private StaffClient physician;
    private StaffClient clerk;
    private StaffClient privacyOfficer;
    /** A server that records whether anything fetched from it: an external entity must never be resolved. */
    private HttpServer bait;
    private final AtomicInteger baitFetches = new AtomicInteger();

    @BeforeAll
    void accountsAndBait() throws IOException {
        physician = admin.createAccount("physician");
        clerk = admin.createAccount("clerk");
        privacyOfficer = admin.createAccount("privacy-officer");
        bait = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        bait.createContext("/", exchange -> {
            baitFetches.incrementAndGet();
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        bait.start();
    }

    @AfterAll
    void stopBait() {
        bait.stop(0);
    }

    @Test
    void theWsdlPublishedIsTheContractWithItsPolicyAndThisNodesAddresses() throws IOException {
        HttpResponse<String> wsdl = TestNode.get(SERVICE + "?wsdl");
        assertEquals(200, wsdl.statusCode());
        String base = TestNode.baseUrl() + "/custodia";
        String contract = Files.readString(Path.of(CONTRACT))
                .replace("https://localhost:8181/custodia", base)
                .replace("schemaLocation=\"records-1.xsd\"", "schemaLocation=\"" + base + "/RecordsService?xsd=1\"");
        assertEquals(contract, wsdl.body(), "the WSDL at ?wsdl is the contract as written");
        assertTrue(wsdl.body().contains("<sp:UsernameToken"), "the UsernameToken policy");
        assertTrue(wsdl.body().contains("<sp:HttpsToken/>"), "over HTTPS");
        assertTrue(wsdl.body().contains("<wsoma:OptimizedMimeSerialization/>"), "MTOM");
        assertTrue(wsdl.body().contains("urn:custodia:records:1"));
        HttpResponse<String> xsd = TestNode.get(SERVICE + "?xsd=1");
        assertEquals(Files.readString(Path.of(CONTRACT).resolveSibling("records-1.xsd")), xsd.body());
    }

    @Test
    void aClientOfTheContractRegistersFindsUploadsListsAndDownloadsOverSoap11And12() throws Exception {
        for (boolean soap12 : new boolean[] {false, true}) {
            Records asClerk = SoapClient.as(TestNode.baseUrl(), clerk, soap12);
            Records asPhysician = SoapClient.as(TestNode.baseUrl(), physician, soap12);
            String nationalId = "SOAP" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
            Patient patient = SoapClient.register(asClerk, "Okafor", nationalId);
            assertEquals(clerk.username(), patient.getRegisteredBy());

            FindPatient byNationalId = new FindPatient();
            byNationalId.setNationalId(nationalId);
            assertEquals(patient.getId(), asPhysician.findPatient(byNationalId).getPatient().getId());

            GeneratedContent document = new GeneratedContent(64 * 1024 + 7, soap12 ? 12 : 11);
            Record stored = SoapClient.upload(asPhysician, patient.getId(), "laboratory", "application/pdf", document);
            assertEquals(document.size(), stored.getSize());
            assertEquals(physician.username(), stored.getCreatedBy());

            GetRecord get = new GetRecord();
            get.setRecordId(stored.getId());
            assertEquals(stored.getEnvelopeSha256(), asPhysician.getRecord(get).getRecord().getEnvelopeSha256());
            Record later = SoapClient.upload(asPhysician, patient.getId(), "imaging", "application/pdf",
                    new GeneratedContent(1024, 1));
            ListRecords list = new ListRecords();
            list.setPatientId(patient.getId());
            assertEquals(List.of(later.getId(), stored.getId()), recordIds(asPhysician.listRecords(list)),
                    "newest first");
            list.setLimit(1);
            ListRecordsResponse newest = asPhysician.listRecords(list);
            assertEquals(List.of(later.getId()), recordIds(newest));
            assertEquals(later.getId(), newest.getNextBefore());
            list.setBefore(newest.getNextBefore());
            ListRecordsResponse oldest = asPhysician.listRecords(list);
            assertEquals(List.of(stored.getId()), recordIds(oldest));
            assertNull(oldest.getNextBefore(), "the oldest record ends the list");
            list.setLimit(0);
            assertThrows(InvalidRequestFault.class, () -> asPhysician.listRecords(list));

            DownloadRecord download = new DownloadRecord();
            download.setRecordId(stored.getId());
            DownloadRecordResponse downloaded = asPhysician.downloadRecord(download);
            assertEquals(document.sha256(), GeneratedContent.sha256(SoapClient.content(downloaded.getContent())));

            HttpResponse<String> audit = privacyOfficer.get("/audit?actor=" + physician.username() + "&subject="
                    + stored.getId());
            assertTrue(audit.body().contains("record.download"), "the SOAP download is audited: " + audit.body());
        }
    }

    private static List<String> recordIds(ListRecordsResponse page) {
        return page.getRecord().stream().map(Record::getId).toList();
    }

    @Test
    void aHundredMibRecordRoundTripsAsMtom() throws Exception {
        Records asPhysician = SoapClient.as(physician);
        String patient = RecordsApi.registerPatient(admin);
        GeneratedContent document = new GeneratedContent(HUNDRED_MIB, 100);
        Set<Path> spilledBefore = mimeTemporaryFiles();
        Record stored = SoapClient.upload(asPhysician, patient, "imaging", "application/dicom", document);
        assertEquals(HUNDRED_MIB, stored.getSize());
        assertEquals(spilledBefore, mimeTemporaryFiles(), "the node wrote no attachment to a temporary file");

        DownloadRecord download = new DownloadRecord();
        download.setRecordId(stored.getId());
        try (InputStream content = SoapClient.content(asPhysician.downloadRecord(download).getContent())) {
            assertEquals(document.sha256(), GeneratedContent.sha256(content));
        } finally {
            SoapClient.deleteKeptAttachments();
        }
        assertEquals(spilledBefore, mimeTemporaryFiles(), "the node wrote no attachment to a temporary file");
    }

    @Test
    void aClientWithoutMtomGetsSmallRecordsInlineAndLargerOnesRefusedBeforeTheyAreOpened() {
        String patient = RecordsApi.registerPatient(admin);
        String text = "Inline result " + UUID.randomUUID();
        String small = RecordsApi.uploadText(physician, patient, "laboratory", "Inline", text);
        byte[] larger = new byte[(1 << 20) + 1];
        Arrays.fill(larger, (byte) 'x');
        HttpResponse<String> uploaded = physician.upload(RecordsApi.recordsOf(patient, "imaging", "Too large inline"),
                "application/octet-stream", larger);
        assertEquals(201, uploaded.statusCode(), uploaded.body());
        String large = StaffClient.object(uploaded).getString("id");
        String auth = token(physician.username(), physician.password());

        for (String soap : new String[] {SOAP11, SOAP12}) {
            HttpResponse<String> inline = post(soap, auth, "<c:downloadRecord><c:recordId>" + small
                    + "</c:recordId></c:downloadRecord>");
            assertEquals(200, inline.statusCode(), inline.body());
            Matcher content = Pattern.compile("<(?:\\w+:)?content>([^<]*)</").matcher(inline.body());
            assertTrue(content.find(), "the content is inline: " + inline.body());
            assertEquals(text, new String(Base64.getMimeDecoder().decode(content.group(1)), StandardCharsets.UTF_8));

            assertRefused(post(soap, auth, "<c:downloadRecord><c:recordId>" + large
                    + "</c:recordId></c:downloadRecord>"), "sent only as MTOM");
        }
        assertEquals(List.of("succeeded", "succeeded"), downloadOutcomes(small));
        assertEquals(List.of("refused", "refused"), downloadOutcomes(large),
                "a record too large to go inline is audited as refused, not as downloaded");
    }

    private List<String> downloadOutcomes(String record) {
        HttpResponse<String> audit = privacyOfficer.get("/audit?action=record.download&subject=" + record);
        assertEquals(200, audit.statusCode(), audit.body());
        return StaffClient.array(audit).stream().map(JsonObject.class::cast).map(entry -> entry.getString("outcome"))
                .toList();
    }

    @Test
    void failuresAreTheContractsTypedFaultsWithRestsProblemTypes() {
        Records asPhysician = SoapClient.as(physician);
        GetPatient unknown = new GetPatient();
        unknown.setPatientId(UUID.randomUUID().toString());
        NotFoundFault notFound = assertThrows(NotFoundFault.class, () -> asPhysician.getPatient(unknown));
        assertEquals("urn:custodia:problem:not-found", notFound.getFaultInfo().getType());
        assertEquals(404, notFound.getFaultInfo().getStatus());

        GetPatient malformed = new GetPatient();
        malformed.setPatientId("not-a-uuid");
        InvalidRequestFault invalid = assertThrows(InvalidRequestFault.class, () -> asPhysician.getPatient(malformed));
        assertEquals("urn:custodia:problem:invalid-request", invalid.getFaultInfo().getType());
        assertTrue(invalid.getFaultInfo().getDetail().contains("patientId"), invalid.getFaultInfo().getDetail());
        // a role that may not read patients is refused for that first, whatever the id (before, invalidRequest,
        // unaudited); the physician's malformed id is audited as refused
        ForbiddenFault notItsRole = assertThrows(ForbiddenFault.class, () -> SoapClient.as(admin).getPatient(malformed));
        assertEquals("urn:custodia:problem:forbidden", notItsRole.getFaultInfo().getType());
        ListRecords malformedList = new ListRecords();
        malformedList.setPatientId("1-1-1-1-1");
        assertThrows(ForbiddenFault.class, () -> SoapClient.as(admin).listRecords(malformedList));
        HttpResponse<String> refusals = privacyOfficer.get("/audit?action=access.denied&actor=" + admin.username());
        List<String> ofUnreadableIds = StaffClient.array(refusals).stream().map(JsonObject.class::cast)
                .filter(entry -> "(unreadable)".equals(entry.getString("subject", "")))
                .map(entry -> entry.getString("detail", "")).toList();
        assertTrue(ofUnreadableIds.contains("patient.find on (unreadable): no role that allows it")
                && ofUnreadableIds.contains("record.list on (unreadable): no role that allows it"),
                "both refusals audited: " + ofUnreadableIds);
        HttpResponse<String> unreadable = privacyOfficer.get("/audit?action=patient.find&actor="
                + physician.username());
        assertTrue(StaffClient.array(unreadable).stream().map(JsonObject.class::cast).anyMatch(entry ->
                "refused".equals(entry.getString("outcome")) && "(unreadable)".equals(entry.getString("subject", ""))),
                "the physician's malformed id is audited as refused: " + unreadable.body());

        String patient = RecordsApi.registerPatient(admin);
        String record = RecordsApi.uploadText(physician, patient, "laboratory", "Panel", "glucose 5.1");
        DownloadRecord download = new DownloadRecord();
        download.setRecordId(record);
        ForbiddenFault forbidden = assertThrows(ForbiddenFault.class,
                () -> SoapClient.as(clerk).downloadRecord(download));
        assertEquals("urn:custodia:problem:forbidden", forbidden.getFaultInfo().getType());
        HttpResponse<String> audit = privacyOfficer.get("/audit?actor=" + clerk.username() + "&subject=" + record);
        assertTrue(audit.body().contains("access.denied"), "the refusal is audited: " + audit.body());
    }

    @Test
    void noTokenOrAWrongPasswordIsAFailedAuthenticationFaultOnBothVersions() {
        String body = "<c:getPatient><c:patientId>" + UUID.randomUUID() + "</c:patientId></c:getPatient>";
        for (String soap : new String[] {SOAP11, SOAP12}) {
            int status = SOAP11.equals(soap) ? 500 : 400;
            HttpResponse<String> none = post(soap, "", body);
            assertEquals(status, none.statusCode());
            assertTrue(none.body().contains("wsse:InvalidSecurity"), none.body());
            HttpResponse<String> wrong = post(soap, token(physician.username(), "not-the-password"), body);
            assertEquals(status, wrong.statusCode());
            assertTrue(wrong.body().contains("wsse:FailedAuthentication"), wrong.body());
            for (HttpResponse<String> refused : List.of(none, wrong)) {
                assertTrue(refused.body().contains("<c:unauthorized"), refused.body());
                assertTrue(refused.body().contains("urn:custodia:problem:unauthorized"), refused.body());
                assertClean(refused);
            }
        }
    }

    @Test
    void anAccountWhosePasswordAnAdministratorSetMaySetItsOwnFirst() {
        StaffClient unchanged = admin.createAccountWithAdministratorsPassword("physician");
        String body = "<c:getPatient><c:patientId>" + UUID.randomUUID() + "</c:patientId></c:getPatient>";
        HttpResponse<String> refused = post(SOAP11, token(unchanged.username(), unchanged.password()), body);
        assertEquals(500, refused.statusCode());
        assertTrue(refused.body().contains("urn:custodia:problem:password-change-required"), refused.body());
        assertClean(refused);
    }

    @Test
    void anMtomRequestWhoseRootIsNotItsFirstPartIsRefused() {
        String envelope = envelope(SOAP11, token(physician.username(), physician.password()),
                "<c:getPatient><c:patientId>" + UUID.randomUUID() + "</c:patientId></c:getPatient>");
        String parts = "--b1\r\nContent-Type: application/xop+xml; charset=utf-8; type=\"text/xml\"\r\n"
                + "Content-ID: <decoy@x>\r\n\r\n" + envelope + "\r\n--b1\r\nContent-Type: application/xop+xml; "
                + "charset=utf-8; type=\"text/xml\"\r\nContent-ID: <root@x>\r\n\r\n" + envelope
                + "\r\n--b1--\r\n";
        HttpResponse<String> refused = TestNode.send(HttpRequest.newBuilder(java.net.URI.create(TestNode.baseUrl()
                + SERVICE)).header("SOAPAction", "\"\"").header("Content-Type", "multipart/related; "
                        + "type=\"application/xop+xml\"; boundary=b1; start=\"<root@x>\"; start-info=\"text/xml\"")
                .POST(HttpRequest.BodyPublishers.ofString(parts)));
        assertRefused(refused, "first part");
    }

    /**
     * The pre-check and the runtime's MIME parser must see the same parts: a preamble holding a delimiter made the
     * runtime run a hidden envelope, unchecked; and a part ahead of the document was kept whole by the parser (in
     * memory, or in a temporary file in clear), whatever the record size limit.
     */
    @Test
    void anMtomRequestWithAPreambleOrAPartAheadOfItsDocumentIsRefused() throws IOException {
        String mrn = "HIDDEN-" + UUID.randomUUID().toString().substring(0, 8);
        String hidden = envelope(SOAP11, token(clerk.username(), clerk.password()), "<c:registerPatient><c:mrn>" + mrn
                + "</c:mrn><c:familyName>X</c:familyName><c:givenName>Y</c:givenName><c:birthDate>1990-01-01"
                + "</c:birthDate><c:nationalId>N" + mrn + "</c:nationalId></c:registerPatient>");
        String vetted = envelope(SOAP11, token(clerk.username(), clerk.password()),
                "<c:getPatient><c:patientId>" + UUID.randomUUID() + "</c:patientId></c:getPatient>");
        String root = "Content-Type: application/xop+xml; charset=utf-8; type=\"text/xml\"\r\n\r\n";
        assertRefused(postMtom("X--b1\r\n" + root + hidden + "\r\n--b1\r\n" + root + vetted + "\r\n--b1--\r\n"),
                "first boundary");
        assertEquals(404, clerk.get("/patients?mrn=" + mrn).statusCode(), "the hidden envelope did not run");

        String patient = RecordsApi.registerPatient(admin);
        String upload = envelope(SOAP11, token(physician.username(), physician.password()), "<c:uploadRecord>"
                + "<c:patientId>" + patient + "</c:patientId><c:category>laboratory</c:category><c:title>Ahead"
                + "</c:title><c:contentType>text/plain</c:contentType><c:content><xop:Include xmlns:xop="
                + "\"http://www.w3.org/2004/08/xop/include\" href=\"cid:doc@x\"/></c:content></c:uploadRecord>");
        Set<Path> before = mimeTemporaryFiles();
        String ahead = "--b1\r\n" + root + upload + "\r\n--b1\r\nContent-Type: application/octet-stream\r\n"
                + "Content-ID: <junk@x>\r\n\r\n" + "J".repeat(6 << 20) + "\r\n--b1\r\nContent-Type: "
                + "application/octet-stream\r\nContent-ID: <doc@x>\r\n\r\nglucose 5.2\r\n--b1--\r\n";
        assertRefused(postMtom(ahead), "right after the envelope");
        assertEquals(before, mimeTemporaryFiles(), "nothing of the part ahead was written to disk");
        assertEquals("[]", physician.get("/patients/" + patient + "/records").body(), "nothing was uploaded");
    }

    /** A fault for the caller's mistake is the caller's on both versions (Client; Sender with HTTP 400). */
    @Test
    void anOperationsFaultForTheCallersMistakeHasTheClientCode() {
        String malformed = "<c:getPatient><c:patientId>not-a-uuid</c:patientId></c:getPatient>";
        HttpResponse<String> soap11 = post(SOAP11, token(physician.username(), physician.password()), malformed);
        assertEquals(500, soap11.statusCode());
        assertTrue(soap11.body().matches("(?s).*<faultcode>\\w+:Client</faultcode>.*"), soap11.body());
        assertTrue(soap11.body().contains("urn:custodia:problem:invalid-request"), soap11.body());
        HttpResponse<String> soap12 = post(SOAP12, token(physician.username(), physician.password()), malformed);
        assertEquals(400, soap12.statusCode(), soap12.body());
        assertTrue(soap12.body().matches("(?s).*<(\\w+:)?Value>\\w+:Sender</(\\w+:)?Value>.*"), soap12.body());
        assertTrue(soap12.body().contains("urn:custodia:problem:invalid-request"), soap12.body());
        assertClean(soap11);
        assertClean(soap12);
    }

    @Test
    void passwordGuessingOverSoapIsThrottledAsOverRest() {
        StaffClient nurse = admin.createAccount("nurse");
        String body = "<c:getPatient><c:patientId>" + UUID.randomUUID() + "</c:patientId></c:getPatient>";
        HttpResponse<String> refused = null;
        for (int attempt = 0; attempt < 10; attempt++) {
            refused = post(SOAP11, token(nurse.username(), "guess-" + attempt), body);
            if (refused.body().contains("signInThrottled")) {
                break;
            }
            assertTrue(refused.body().contains("wsse:FailedAuthentication"), refused.body());
        }
        assertTrue(refused.body().contains("urn:custodia:problem:sign-in-throttled"), refused.body());
        assertTrue(refused.body().contains("<c:retryAfterSeconds>"), refused.body());
        assertTrue(refused.headers().firstValue("Retry-After").isPresent(), "Retry-After");
        HttpResponse<String> evenRight = post(SOAP12, token(nurse.username(), nurse.password()), body);
        assertTrue(evenRight.body().contains("signInThrottled"), "locked for now: " + evenRight.body());
        assertClean(refused);
    }

    @Test
    void hostileAndMalformedEnvelopesAreRefusedCleanlyAndChangeNothing() {
        String mrn = "HOSTILE-" + UUID.randomUUID().toString().substring(0, 8);
        String register = "<c:registerPatient><c:mrn>" + mrn + "</c:mrn><c:familyName>X</c:familyName>"
                + "<c:givenName>Y</c:givenName><c:birthDate>1990-01-01</c:birthDate><c:nationalId>N" + mrn
                + "</c:nationalId></c:registerPatient>";
        String auth = token(clerk.username(), clerk.password());
        for (String soap : new String[] {SOAP11, SOAP12}) {
            String envelope = envelope(soap, auth, register);
            String bomb = "<?xml version=\"1.0\"?><!DOCTYPE e [<!ENTITY a \"aaaaaaaaaaaaaaaa\">"
                    + "<!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">"
                    + "<!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">]>"
                    + envelope.replace("<c:familyName>X", "<c:familyName>&c;");
            assertRefused(postRaw(soap, bomb), "DTD");
            String external = "<?xml version=\"1.0\"?><!DOCTYPE e [<!ENTITY x SYSTEM \"http://127.0.0.1:"
                    + bait.getAddress().getPort() + "/entity\">]>" + envelope.replace("<c:familyName>X",
                            "<c:familyName>&x;");
            assertRefused(postRaw(soap, external), "DTD");
            String deep = envelope.replace("<c:familyName>X", "<c:familyName>" + "<n>".repeat(500) + "X"
                    + "</n>".repeat(500));
            assertRefused(postRaw(soap, deep), "deeper");
            String oversized = envelope.replace("<c:familyName>X", "<c:familyName>" + "X".repeat(2 << 20));  // 2 MiB
            assertRefused(postRaw(soap, oversized), "larger than");
            String otherNamespace = envelope.replace("urn:custodia:records:1", "urn:custodia:records:2");
            assertRefused(postRaw(soap, otherNamespace), "no operation");
            String unclosed = envelope.replace("</c:mrn>", "");
            assertRefused(postRaw(soap, unclosed), "well-formed");
            String notSoap = envelope.replace(soap, "urn:not-soap");
            assertRefused(postRaw(soap, notSoap), "SOAP 1.1 or 1.2 envelope");
            // typed fields the runtime would read leniently (as no value, a wrapped number, false)
            assertRefused(postRaw(soap, envelope.replace("1990-01-01<", "1990-01-01T00:00:00Z<")),
                    "birthDate must be an xs:date");
            assertRefused(post(soap, auth, "<c:listEmergencyAccess><c:reviewed>maybe</c:reviewed>"
                    + "</c:listEmergencyAccess>"), "reviewed must be true or false");
            assertRefused(post(soap, auth, "<c:listGrants><c:patientId>x</c:patientId>"
                    + "<c:limit>4294967297</c:limit></c:listGrants>"), "limit is too large a number");
            assertRefused(post(soap, auth, "<c:uploadRecord><c:patientId>x</c:patientId>"
                    + "<c:category>lab</c:category><c:title>t</c:title><c:contentType>text/plain</c:contentType>"
                    + "<c:content>not base64 at all</c:content></c:uploadRecord>"), "content must be base64");
        }
        assertEquals(0, baitFetches.get(), "no external entity was fetched");
        HttpResponse<String> find = clerk.get("/patients?mrn=" + mrn);
        assertEquals(404, find.statusCode(), "no refused request registered the patient: " + find.body());
    }

    /** The files Metro's MIME parser writes when it buffers an attachment (the node and the tests share /tmp). */
    private static Set<Path> mimeTemporaryFiles() throws IOException {
        try (Stream<Path> files = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return files.filter(file -> file.getFileName().toString().startsWith("MIME")).collect(Collectors.toSet());
        }
    }

    private static void assertRefused(HttpResponse<String> response, String reason) {
        assertTrue(response.statusCode() == 400 || response.statusCode() == 500, response.statusCode() + " "
                + response.body());
        assertTrue(response.body().contains("Fault"), response.body());
        assertTrue(response.body().contains(reason), "the fault says why (" + reason + "): " + response.body());
        assertTrue(response.body().contains("urn:custodia:problem:invalid-request"), response.body());
        assertClean(response);
    }

    /** No stack trace, exception or class name of the server's in a fault. */
    private static void assertClean(HttpResponse<String> response) {
        String body = response.body();
        assertFalse(body.contains("Exception") || body.contains("at org.") || body.contains("at com.")
                || body.contains("java.") || body.contains("org.custodia"), body);
    }

    private static String token(String username, String password) {
        return "<wsse:Security xmlns:wsse=\"http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-"
                + "secext-1.0.xsd\"><wsse:UsernameToken><wsse:Username>" + username + "</wsse:Username>"
                + "<wsse:Password>" + password + "</wsse:Password></wsse:UsernameToken></wsse:Security>";
    }

    private static String envelope(String soap, String header, String body) {
        return "<S:Envelope xmlns:S=\"" + soap + "\" xmlns:c=\"urn:custodia:records:1\"><S:Header>" + header
                + "</S:Header><S:Body>" + body + "</S:Body></S:Envelope>";
    }

    /** Posts a multipart SOAP 1.1 request whose boundary is {@code b1}. */
    private static HttpResponse<String> postMtom(String parts) {
        return TestNode.send(HttpRequest.newBuilder(java.net.URI.create(TestNode.baseUrl() + SERVICE))
                .header("SOAPAction", "\"\"").header("Content-Type", "multipart/related; type=\"application/xop+xml\"; "
                        + "boundary=b1; start-info=\"text/xml\"").POST(HttpRequest.BodyPublishers.ofString(parts)));
    }

    private static HttpResponse<String> post(String soap, String header, String body) {
        return postRaw(soap, envelope(soap, header, body));
    }

    /** Posts an envelope as SOAP 1.1 ({@code text/xml} with a SOAPAction) or SOAP 1.2 ({@code application/soap+xml}). */
    private static HttpResponse<String> postRaw(String soap, String envelope) {
        HttpRequest.Builder request = HttpRequest.newBuilder(java.net.URI.create(TestNode.baseUrl() + SERVICE
                + (SOAP12.equals(soap) ? "12" : ""))).POST(HttpRequest.BodyPublishers.ofString(envelope));
        if (SOAP12.equals(soap)) {
            request.header("Content-Type", "application/soap+xml; charset=UTF-8");
        } else {
            request.header("Content-Type", "text/xml; charset=UTF-8").header("SOAPAction", "\"\"");
        }
        return TestNode.send(request);
    }
}
