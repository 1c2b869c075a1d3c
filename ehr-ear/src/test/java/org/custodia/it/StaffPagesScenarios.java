package org.custodia.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.UUID;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;

import org.custodia.ledger.testing.AnvilNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;

/**
 * The staff pages in headless Chromium: sign-in and its failures, what each role is offered, a patient registered
 * by a clerk and a record uploaded (streamed, with progress) and read back by a physician, forged requests that
 * change nothing, and no WCAG 2.x A/AA violation on any page. A screenshot of each main page is saved under
 * {@code target/screenshots}. One browser for the group; every test starts signed out.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class StaffPagesScenarios {

    private final StaffClient admin = StaffClient.admin();
    private StaffClient clerk;
    private StaffClient physician;
    private StaffClient privacyOfficer;
    private Browser browser;

    /** What the browser showed when a test failed: a screenshot and the page's HTML under target/screenshots. */
    @RegisterExtension
    final TestWatcher failures = new TestWatcher() {
        @Override
        public void testFailed(ExtensionContext context, Throwable cause) {
            if (browser != null) {
                String name = "failed-" + context.getRequiredTestMethod().getName();
                browser.screenshot(name);
                browser.savePage(name);
            }
        }
    };

    @BeforeAll
    void startBrowser() {
        clerk = admin.createAccount("clerk");
        physician = admin.createAccount("physician");
        privacyOfficer = admin.createAccount("privacy-officer");
        browser = Browser.start();
    }

    @AfterAll
    void stopBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    @BeforeEach
    void signedOut() {
        browser.open("/custodia/index.xhtml");
        browser.driver().manage().deleteAllCookies();
    }

    @Test
    void pagesNeedASignInAndItsFailuresSayWhatIsWrong() {
        browser.open("/custodia/staff/patients.xhtml");
        SignInPage signIn = new SignInPage(browser);
        assertEquals("Sign in to continue.", signIn.reason());
        Accessibility.assertNoViolations(browser.driver(), "sign-in page");
        browser.screenshot("sign-in");

        signIn.submit("", "");
        assertEquals("Enter your username. Enter your password.", signIn.fieldMessages());
        signIn.submit(physician.username(), "not-the-password");
        assertEquals("The username or password is not valid, or the account is disabled.", signIn.message());
        Accessibility.assertNoViolations(browser.driver(), "sign-in page with errors");

        signIn.submit(physician.username(), physician.password());
        browser.until(driver -> driver.getCurrentUrl().endsWith(PatientsPage.PATH));
        new PatientsPage(browser);
    }

    @Test
    void eachRoleIsOfferedOnlyWhatItMayDo() {
        StaffHomePage adminHome = SignInPage.open(browser).signInAs(admin);
        assertFalse(adminHome.offersPatients(), "an administrator does no patient work");
        assertTrue(adminHome.saysThereIsNoPatientWork());
        Accessibility.assertNoViolations(browser.driver(), "home page (admin)");
        browser.open("/custodia/staff/patients.xhtml");
        // before, both find forms were offered, and refused once used
        assertTrue(browser.driver().findElements(By.id("find-mrn")).isEmpty(), "no find form offered by address");
        assertTrue(browser.driver().getPageSource().contains("your roles do not allow patient.find"),
                "the page says why (and the refusal is audited)");
        adminHome.signOut();

        StaffHomePage officerHome = SignInPage.open(browser).signInAs(privacyOfficer);
        PatientsPage officerPatients = officerHome.patients();
        assertFalse(officerPatients.offersRegistration(), "a privacy officer finds patients but registers none");
        Masthead.signOut(browser);

        StaffHomePage clerkHome = SignInPage.open(browser).signInAs(clerk);
        assertEquals("Welcome, " + clerk.username(), clerkHome.welcome());
        Accessibility.assertNoViolations(browser.driver(), "home page (clerk)");
        browser.screenshot("home");
        assertTrue(clerkHome.patients().offersRegistration());
        Masthead.signOut(browser);
    }

    @Test
    void aClerkRegistersAPatientAndAPhysicianUploadsAndReadsARecord() throws Exception {
        String mrn = "PG-" + UUID.randomUUID().toString().substring(0, 8);
        String nationalId = "NID-PAGES-" + UUID.randomUUID().toString().substring(0, 8);
        PatientsPage patients = SignInPage.open(browser).signInAs(clerk).patients();
        Accessibility.assertNoViolations(browser.driver(), "patients page");
        browser.screenshot("patients");
        patients.fillInAndRegister(mrn, "", "Ada", "23/04/1980", nationalId);
        assertEquals("Family name: a value is required.", patients.familyNameMessage());
        assertEquals("Birth date: a date such as 1980-04-23.", patients.birthDateMessage());
        Accessibility.assertNoViolations(browser.driver(), "patients page with field errors");
        assertEquals(404, clerk.get("/patients?mrn=" + mrn).statusCode(), "nothing was registered");
        patients.fillInAndRegister(mrn, "Lovelace", "Ada", "0198-04-23", nationalId);
        assertEquals("Birth date: on or after 1850-01-01 and not in the future (a mistyped year?).",
                patients.birthDateMessage(), "the registry's rule, shown at its field");
        assertEquals(404, clerk.get("/patients?mrn=" + mrn).statusCode(), "nothing was registered");

        PatientChartPage chart = patients.register(mrn, "Lovelace", "Ada", "1980-04-23", nationalId);
        assertEquals(mrn, chart.mrn());
        assertFalse(chart.offersUpload(), "a clerk uploads nothing");
        browser.open("/custodia/staff/upload.xhtml?patient=" + chart.patientId());
        assertTrue(browser.driver().findElements(By.id("upload")).isEmpty(), "nor is offered the upload form");
        assertTrue(browser.driver().getPageSource().contains("your roles do not allow record.upload"),
                "the page says why (and the refusal is audited, as the API's is)");
        Masthead.signOut(browser);

        chart = SignInPage.open(browser).signInAs(physician).patients().findByNationalId(nationalId);
        assertFalse(browser.driver().getCurrentUrl().contains(nationalId), "the national id never goes in a URL");
        assertEquals("Lovelace, Ada", chart.name());
        Accessibility.assertNoViolations(browser.driver(), "patient chart");
        UploadPage upload = chart.upload();
        Accessibility.assertNoViolations(browser.driver(), "upload page");
        Path document = Files.createTempFile("custodia-page-upload-", ".bin");
        try {
            byte[] content = new byte[3 * 1024 * 1024 + 17];
            new Random(42).nextBytes(content);
            Files.write(document, content);
            // before, the first category was taken, and anchored for good with the record
            assertEquals("Choose a document and its category, and give it a title.",
                    upload.uploadWithoutCategory(document, "No category"));
            browser.limitUploads(1024 * 1024);
            try {
                upload.upload(document, "Laboratory", "Électrolytes – from the page (K+ 50%)");
            } finally {
                browser.limitUploads(0);
            }
            assertEquals("Stored. The record is anchored on the chain or queued for it.", upload.result());
            assertEquals(100, upload.progress());
            assertTrue(upload.progressSeen().stream().anyMatch(percent -> percent > 0 && percent < 100),
                    "the progress bar moved through the upload: " + upload.progressSeen());
            browser.screenshot("upload");
            chart = upload.backToChart();
            assertEquals(List.of("Électrolytes – from the page (K+ 50%)"), chart.recordTitles());
            browser.screenshot("patient-chart");

            String download = chart.firstDownload();
            assertEquals(sha256(content), browser.sha256Of(download), "the page downloads the bytes uploaded");
            HttpResponse<String> headers = withSession(HttpRequest.newBuilder(URI.create(download)).GET());
            assertEquals(200, headers.statusCode());
            assertEquals("nosniff", headers.headers().firstValue("X-Content-Type-Options").orElse(""));
            assertEquals("no-store", headers.headers().firstValue("Cache-Control").orElse(""));
            assertTrue(headers.headers().firstValue("Content-Disposition").orElse("").startsWith("attachment"));
        } finally {
            Files.deleteIfExists(document);
        }

        assertFalse(chart.pagesRecords(), "one record: no pages");
        List<String> notes = new ArrayList<>();
        for (int i = 1; i <= 20; i++) {
            notes.add(0, "Note " + i);
            RecordsApi.uploadText(physician, chart.patientId(), "laboratory", "Note " + i, "note " + i);
        }
        browser.driver().navigate().refresh();
        chart = new PatientChartPage(browser);
        assertEquals(notes, chart.recordTitles(), "the newest twenty, newest first");
        chart = chart.olderRecords();
        assertEquals(List.of("Électrolytes – from the page (K+ 50%)"), chart.recordTitles(),
                "the page below the twenty");
        assertFalse(chart.olderRecordsEnabled(), "nothing older");
        Accessibility.assertNoViolations(browser.driver(), "patient chart, an older page of its records");
        assertEquals(notes, chart.newestRecords().recordTitles());
    }

    @Test
    void anAdministratorManagesAccountsAndTheirOwnersSetTheirPasswords() {
        String username = "pages." + UUID.randomUUID().toString().substring(0, 8);
        String initial = "initial password " + UUID.randomUUID();
        String own = "own password " + UUID.randomUUID();
        StaffHomePage adminHome = SignInPage.open(browser).signInAs(admin);
        assertTrue(adminHome.offers(StaffHomePage.NAV_ACCOUNTS));
        assertTrue(adminHome.offers(StaffHomePage.NAV_STATUS));
        assertFalse(adminHome.offers(StaffHomePage.NAV_AUDIT), "the audit trail is the privacy officers'");
        AccountsPage accounts = adminHome.accounts();
        Accessibility.assertNoViolations(browser.driver(), "accounts page");
        // a double click sends a form once: before, the second click sent the change again (forms.js)
        assertEquals(List.of(false, true), browser.doubleSubmitStopped("create"));
        // each refused (no self-lock-out), or, for a reset, ending the administrator's own session at the next click
        assertTrue(accounts.find(admin.username()).lists(admin.username()));
        assertEquals(List.of(), accounts.changesOffered(admin.username()), "the administrator's own row");

        assertTrue(accounts.create("mixed." + username.substring(6), "Mixed Duties", initial, "admin", "physician")
                .contains("admin role cannot be combined"), accounts.message());
        assertTrue(accounts.create(username, "Paula Pages", initial, "physician").contains(username),
                accounts.message());
        assertTrue(accounts.find(username).lists(username));
        assertEquals(List.of("edit-roles", "edit-password", "disable"), accounts.changesOffered(username));
        assertTrue(accounts.mustChangePassword(username), "an administrator's password is to be replaced");
        browser.screenshot("accounts");
        Masthead.signOut(browser);

        SignInPage.open(browser).submit(username, initial);
        PasswordChangePage password = new PasswordChangePage(browser);
        assertTrue(password.explainsRequirement());
        browser.open(PatientsPage.PATH);
        password = new PasswordChangePage(browser);
        assertTrue(password.explainsRequirement(), "no other page opens before the password is changed");
        Accessibility.assertNoViolations(browser.driver(), "password change page");
        browser.screenshot("password-change");
        assertEquals("Repeat the new password: the two entries differ.",
                password.submit(initial, own, own + "x").repeatMessage());
        StaffHomePage home = password.change(initial, own);
        assertEquals("Your password was changed.", home.message());
        assertTrue(home.offersPatients());
        Masthead.signOut(browser);

        accounts = SignInPage.open(browser).signInAs(admin).accounts().find(username);
        assertFalse(accounts.mustChangePassword(username));
        assertTrue(accounts.disable(username).contains(username), accounts.message());
        assertFalse(accounts.isActive(username));
        Masthead.signOut(browser);
        assertEquals("The username or password is not valid, or the account is disabled.",
                SignInPage.open(browser).submit(username, own).message());

        accounts = SignInPage.open(browser).signInAs(admin).accounts().find(username);
        accounts.enable(username);
        assertTrue(accounts.isActive(username));
        assertTrue(accounts.changeRoles(username, "privacy-officer").contains(username), accounts.message());
        assertEquals("Privacy officer", accounts.roles(username));
        Masthead.signOut(browser);
        SignInPage.open(browser).submit(username, own);
        StaffHomePage officerHome = new StaffHomePage(browser);
        assertTrue(officerHome.offers(StaffHomePage.NAV_AUDIT), "the new role applies");
    }

    @Test
    void aSessionFollowsItsAccountRolesChangedPasswordsResetAndDisablingTakeEffectAtTheNextPage() {
        StaffClient nurse = admin.createAccount("nurse");
        StaffHomePage home = SignInPage.open(browser).signInAs(nurse);
        assertFalse(home.offers(StaffHomePage.NAV_AUDIT));
        assertEquals(200, admin.putJson("/staff/" + nurse.username() + "/roles",
                "{\"roles\":[\"privacy-officer\"]}").statusCode());
        browser.open("/custodia/staff/index.xhtml");
        assertTrue(new StaffHomePage(browser).offers(StaffHomePage.NAV_AUDIT), "roles changed during the session");

        String reset = "reset by the administrator " + UUID.randomUUID();
        assertEquals(200, admin.putJson("/staff/" + nurse.username() + "/password", Json.createObjectBuilder()
                .add("password", reset).build().toString()).statusCode());
        browser.open("/custodia/staff/index.xhtml");
        assertEquals("Your session has ended. Sign in again.", new SignInPage(browser).reason(),
                "a password reset ends the account's open session");

        SignInPage.open(browser).submit(nurse.username(), reset);
        String own = "the nurse's own again " + UUID.randomUUID();
        assertEquals("Your password was changed.", new PasswordChangePage(browser).change(reset, own).message());
        browser.open("/custodia/staff/index.xhtml");
        assertTrue(new StaffHomePage(browser).offers(StaffHomePage.NAV_AUDIT),
                "changing one's own password keeps one's own session");

        assertEquals(200, admin.post("/staff/" + nurse.username() + "/disable").statusCode());
        assertEquals(200, admin.post("/staff/" + nurse.username() + "/enable").statusCode());
        browser.open("/custodia/staff/index.xhtml");
        assertEquals("Your session has ended. Sign in again.", new SignInPage(browser).reason(),
                "disabling ends the session, even when the account is enabled again before its next page");
    }

    @Test
    void aPrivacyOfficerReviewsTheAuditTrailAndSeesEachActOnChain() {
        String patient = RecordsApi.registerPatient(admin);
        String record = RecordsApi.uploadText(physician, patient, "laboratory", "Audited on chain", "potassium 4.1");
        RecordsApi.awaitAnchored(physician, record);
        JsonObject evidence = awaitEvidence(record);
        String entry = evidence.getString("id");
        String transaction = evidence.getJsonObject("chainEvidence").getString("transactionHash");

        AuditPage audit = SignInPage.open(browser).signInAs(privacyOfficer).audit();
        Accessibility.assertNoViolations(browser.driver(), "audit page");
        audit.search(physician.username(), "record.upload", patient, null, null);
        assertEquals(List.of(entry), audit.entryIds(), "the patient's id finds the upload that names it");
        assertEquals("MATCHES", audit.evidence(entry));
        assertTrue(audit.evidenceText(entry).contains(transaction.substring(0, 10)),
                "the page names the anchor's transaction " + transaction + ": " + audit.evidenceText(entry));
        browser.screenshot("audit");

        audit.search(null, null, null, null, null);
        assertFalse(audit.previousEnabled());
        assertTrue(audit.nextEnabled(), "this node's trail has more than one page by now: " + audit.range());
        assertEquals("Entries 1–50", audit.range());
        List<String> first = audit.entryIds();
        assertEquals(50, first.size());
        audit.next();
        assertTrue(audit.range().startsWith("Entries 51–"), audit.range());
        List<String> second = audit.entryIds();
        assertTrue(second.stream().noneMatch(first::contains), "the second page shows other entries");
        assertTrue(audit.previousEnabled());
        audit.previous();
        assertEquals(first, audit.entryIds(), "back on the first page, which the reviews since did not shift");
        assertFalse(audit.previousEnabled());
        audit.next();
        assertEquals(second, audit.entryIds(), "the second page again, the same entries");

        String integrity = audit.verify();
        assertTrue(integrity.startsWith("The trail is intact: "), integrity);
        JsonObject chain = StaffClient.object(privacyOfficer.get("/audit/chain"));
        assertTrue(chain.getBoolean("intact"), chain.toString());
        assertTrue(chain.getJsonNumber("checked").longValue() > 0, "entries were sealed: " + chain);

        audit.search("nobody.at.all", null, null, null, null);
        assertEquals("", audit.range());
        assertEquals(List.of(), audit.entryIds());
        audit.search(null, null, null, "2100-01-01T00:00", "2000-01-01T00:00");
        assertEquals(List.of(), audit.entryIds(), "a window that ends before it begins selects nothing");
    }

    @Test
    void anAdministratorSeesTheNodeAndTheHealthOfItsDependencies() {
        NodeStatusPage status = SignInPage.open(browser).signInAs(admin).status();
        Accessibility.assertNoViolations(browser.driver(), "node status page");
        browser.screenshot("node-status");
        assertEquals("Integration Test Hospital", status.nodeName());
        assertTrue(status.showsDependencies());
        for (String dependency : List.of("database", "file-store", "chain-node")) {
            assertEquals("UP", status.state(dependency), dependency + ": " + status.reason(dependency));
        }
        assertTrue(status.showsMembers());
        assertTrue(status.showsOutbox(), "what waits in the outbox, if anything");
        Masthead.signOut(browser);

        browser.open(NodeStatusPage.PATH);
        assertEquals("Sign in to continue.", new SignInPage(browser).reason());
        SignInPage.open(browser).signInAs(clerk);
        browser.open(NodeStatusPage.PATH);
        assertFalse(new NodeStatusPage(browser).showsDependencies(), "only administrators see the dependencies");
        assertFalse(new NodeStatusPage(browser).showsOutbox(), "and the outbox");
        assertTrue(browser.driver().getPageSource().contains("your roles do not allow node.status.read"),
                "the page says why");
        HttpResponse<String> refusals = privacyOfficer.get("/audit?action=access.denied&actor=" + clerk.username());
        assertTrue(refusals.body().contains("node.status.read"), "and the refusal is audited: " + refusals.body());

        browser.open(AccessRequestsPage.PATH);
        assertTrue(browser.driver().getPageSource().contains("your roles do not allow access-requests.incoming.read"),
                "a page the role may not read says why, rather than showing nothing");
        HttpResponse<String> requestsRefused = privacyOfficer.get("/audit?action=access.denied&actor="
                + clerk.username());
        assertTrue(requestsRefused.body().contains("access-requests.incoming.read"),
                "and the refusal is audited: " + requestsRefused.body());
    }

    /**
     * With the chain node stopped, a physician's chart (its records at other hospitals) and an emergency declaration
     * say in staff's words what failed, whether anything changed and what to do, with a reference under which the
     * server log holds the operators' explanation. Before, the page showed the connector's words, the chain node's
     * address among them.
     */
    @Test
    void anUnavailableChainIsExplainedInStaffWordsWithAReferenceForOperators() {
        String patient = RecordsApi.registerPatient(admin);
        SignInPage.open(browser).signInAs(physician);
        AnvilNode chain = LocalChain.node();
        chain.stop();
        try {
            browser.open("/custodia/staff/patient.xhtml?id=" + patient);
            PatientChartPage chart = new PatientChartPage(browser);
            String reference = "The node's operators find the details under the reference ";
            String shown = browser.text(PatientChartPage.MESSAGES);
            assertTrue(shown.contains("The chain cannot list the records of patient " + patient + " now; try again"
                    + " later. " + reference), shown);
            // before, "No record another hospital anchored for this patient is missing here."
            String elsewhere = browser.text(PatientChartPage.ELSEWHERE);
            assertTrue(elsewhere.contains("This list could not be read now (the message above says why), so it says"
                    + " nothing of what it holds."), elsewhere);

            String declared = chart.declareEmergency("Unconscious patient");
            assertTrue(declared.contains("The chain cannot take the emergency access now: nothing was changed; try"
                    + " again later. " + reference), declared);
            assertFalse(browser.driver().getPageSource().contains(":" + TestNode.chainPort()),
                    "the chain node's address is for operators");
        } finally {
            chain.restart();
        }
    }

    /**
     * The other members' nodes do not run beside this one: silent endpoints take their addresses, accept and never
     * answer. The status page asks both at once: the second is asked well before the first could have given up (a
     * ping waits 3 s), where one after the other they were asked at least that far apart; both are shown
     * unreachable. Skipped while another process holds those ports (the run command's consortium, say).
     */
    @Test
    void theStatusPageAsksEveryMemberAtOnce() throws Exception {
        List<JsonObject> others = StaffClient.array(admin.get("/consortium/members")).getValuesAs(JsonObject.class)
                .stream().filter(member -> !member.getBoolean("self")).toList();
        assertEquals(2, others.size(), others.toString());
        try (SilentEndpoint first = new SilentEndpoint(URI.create(others.get(0).getString("endpoint")));
                SilentEndpoint second = new SilentEndpoint(URI.create(others.get(1).getString("endpoint")))) {
            NodeStatusPage status = SignInPage.open(browser).signInAs(admin).status();
            for (JsonObject member : others) {
                String account = member.getString("address").toLowerCase(Locale.ROOT);
                assertFalse(status.reachable(account), status.reachability(account));
            }
            assertEquals(1, first.accepted().size(), "one ping each");
            assertEquals(1, second.accepted().size(), "one ping each");
            Duration apart = Duration.between(first.accepted().get(0), second.accepted().get(0)).abs();
            assertTrue(apart.compareTo(Duration.ofMillis(1_500)) < 0, "asked " + apart + " apart");
            Masthead.signOut(browser);
        }
    }

    /** Waits until the audit trail sets the upload of {@code record} beside its anchor; returns the entry (REST). */
    private JsonObject awaitEvidence(String record) {
        return Eventually.within(RecordsApi.ANCHOR_WAIT, Duration.ofMillis(500), "the upload's anchor in the "
                + "journal").until(() -> {
                    HttpResponse<String> found = privacyOfficer.get("/audit?action=record.upload&subject=" + record);
                    assertEquals(200, found.statusCode(), found.body());
                    JsonArray entries = StaffClient.array(found);
                    assertEquals(1, entries.size(), found.body());
                    return entries.getJsonObject(0);
                }, entry -> "matches".equals(entry.getJsonObject("chainEvidence").getString("status")));
    }

    @Test
    void theKeyboardAloneSignsInAndReachesEveryLinkAndNarrowScreensNeedNoSideScrolling() {
        SignInPage.open(browser);
        WebElement focused = tabUntil(SignInPage.USERNAME);
        focused.sendKeys(physician.username());
        tabUntil(SignInPage.PASSWORD).sendKeys(physician.password(), Keys.ENTER);
        new StaffHomePage(browser);
        tabUntil(StaffHomePage.NAV_PATIENTS).sendKeys(Keys.ENTER);
        new PatientsPage(browser);

        Dimension wide = browser.driver().manage().window().getSize();
        try {
            browser.driver().manage().window().setSize(new Dimension(390, 844));
            for (String page : List.of("/custodia/staff/index.xhtml", PatientsPage.PATH)) {
                browser.open(page);
                Object overflow = browser.driver().executeScript(
                        "return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
                assertEquals(0L, ((Number) overflow).longValue(), page + " fits a phone's width");
            }
        } finally {
            browser.driver().manage().window().setSize(wide);
        }
    }

    /** Presses Tab until {@code target} has the focus (at most 40 times) and returns it. */
    private WebElement tabUntil(By target) {
        WebElement wanted = browser.visible(target);
        for (int presses = 0; presses < 40; presses++) {
            if (wanted.equals(browser.driver().switchTo().activeElement())) {
                return wanted;
            }
            new Actions(browser.driver()).sendKeys(Keys.TAB).perform();
        }
        throw new AssertionError(target + " cannot be reached with the Tab key");
    }

    @Test
    void onlyPdfsAndImagesAreViewedInlineAndNothingIsRenderedAsThisSitesPage() {
        String patient = RecordsApi.registerPatient(admin);
        byte[] png = HexFormat.of().parseHex("89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489"
                + "0000000d4944415478da63f8ffff3f0005fe02fea7d6a5c60000000049454e44ae426082");
        String image = StaffClient.object(physician.upload(RecordsApi.recordsOf(patient, "imaging", "Pixel"),
                "image/png", png)).getString("id");
        String html = StaffClient.object(physician.upload(RecordsApi.recordsOf(patient, "clinical-note", "Page"),
                "text/html", "<script>alert(1)</script>".getBytes(StandardCharsets.UTF_8))).getString("id");

        SignInPage.open(browser).signInAs(physician);
        browser.open("/custodia/staff/patient.xhtml?id=" + patient);
        assertEquals(1, new PatientChartPage(browser).viewLinks(), "View only for the image");

        HttpResponse<String> shown = withSession(HttpRequest.newBuilder(URI.create(TestNode.baseUrl()
                + "/custodia/staff/records/" + image + "/content?inline")).GET());
        assertEquals(200, shown.statusCode());
        assertEquals("image/png", shown.headers().firstValue("Content-Type").orElse(""));
        assertTrue(shown.headers().firstValue("Content-Disposition").orElse("").startsWith("inline"));
        assertTrue(shown.headers().firstValue("Content-Security-Policy").orElse("").contains("frame-ancestors 'none'"),
                "a record shown inline is never framed by another page");
        assertEquals("DENY", shown.headers().firstValue("X-Frame-Options").orElse(""));

        HttpResponse<String> script = withSession(HttpRequest.newBuilder(URI.create(TestNode.baseUrl()
                + "/custodia/staff/records/" + html + "/content?inline")).GET());
        assertEquals(200, script.statusCode());
        assertTrue(script.headers().firstValue("Content-Disposition").orElse("").startsWith("attachment"),
                "an HTML record is never shown as a page, even when asked");
        assertEquals("nosniff", script.headers().firstValue("X-Content-Type-Options").orElse(""));
        assertTrue(script.headers().firstValue("Content-Security-Policy").orElse("").contains("default-src 'none'"));

        String unknown = "ab".repeat(32);
        HttpResponse<String> missing = withSession(HttpRequest.newBuilder(URI.create(TestNode.baseUrl()
                + "/custodia/staff/records/" + unknown + "/content")).GET());
        assertEquals(404, missing.statusCode());
        assertTrue(missing.body().contains("no record " + unknown + " is kept by this hospital"),
                "the error page gives the service's reason: " + missing.body());
    }

    /**
     * A record larger than what is checked before release, damaged at its start: the error page with the reason.
     * Before, the download's stream was closed on the failure, which committed an empty 200 of the record's length.
     */
    @Test
    void aLargeRecordRefusedBeforeItsFirstByteIsAnsweredByTheErrorPage() throws Exception {
        String patient = RecordsApi.registerPatient(admin);
        HttpResponse<String> uploaded = physician.upload(RecordsApi.recordsOf(patient, "imaging", "Scan"),
                "application/octet-stream", new byte[2 << 20]);
        assertEquals(201, uploaded.statusCode(), uploaded.body());
        JsonObject record = RecordsApi.awaitAnchored(physician, StaffClient.object(uploaded).getString("id"));
        Path envelope = TestNode.envelopeFile(record.getString("envelopeSha256"));
        byte[] original = Files.readAllBytes(envelope);
        byte[] damaged = original.clone();
        damaged[4096] ^= 0x20; // in the first segment, after the header
        Files.write(envelope, damaged);
        try {
            SignInPage.open(browser).signInAs(physician);
            HttpResponse<String> refused = withSession(HttpRequest.newBuilder(URI.create(TestNode.baseUrl()
                    + "/custodia/staff/records/" + record.getString("id") + "/content")).GET());
            assertEquals(422, refused.statusCode(), refused.body());
            assertTrue(refused.body().contains("download refused"), "the error page gives the reason: "
                    + refused.body());
            assertFalse(refused.headers().firstValue("Content-Disposition").isPresent(), "not an attachment");
            assertEquals("nosniff", refused.headers().firstValue("X-Content-Type-Options").orElse(""));
        } finally {
            Files.write(envelope, original);
        }
    }

    @Test
    void forgedRequestsChangeNothing() {
        SignInPage.open(browser).signInAs(clerk).patients();
        String mrn = "CSRF-" + UUID.randomUUID().toString().substring(0, 8);
        String form = "register=register&register%3Amrn=" + mrn + "&register%3Afamily-name=Forged"
                + "&register%3Agiven-name=Form&register%3Abirth-date=1970-01-01&register%3Anational-id=NID-" + mrn
                + "&register%3Asubmit=Register";
        for (String viewState : new String[] {null, "-1234567890:987654321", "stateless"}) {
            HttpResponse<String> forged = postForm(form, viewState);
            assertTrue(forged.statusCode() == 200 || forged.statusCode() == 500, "view state " + viewState + ": "
                    + forged.statusCode());
            assertEquals(404, clerk.get("/patients?mrn=" + mrn).statusCode(),
                    "a cross-site form post (view state " + viewState + ") registered nobody");
        }
        // the same post with the page's own view state and CSP nonce, which only a page of this site can read, does
        // register
        String realViewState = browser.driver().findElement(By.cssSelector(
                "form[id='register'] input[name='jakarta.faces.ViewState']")).getAttribute("value");
        String nonce = browser.driver().findElement(By.cssSelector(
                "form[id='register'] input[name='primefaces.nonce']")).getAttribute("value");
        String withNonce = form + "&primefaces.nonce=" + URLEncoder.encode(nonce, StandardCharsets.UTF_8)
                + "&jakarta.faces.ViewState=" + URLEncoder.encode(realViewState, StandardCharsets.UTF_8);
        HttpResponse<String> fromAnotherOrigin = withSession(HttpRequest.newBuilder(URI.create(TestNode.baseUrl()
                + PatientsPage.PATH)).header("Content-Type", "application/x-www-form-urlencoded")
                .header("Sec-Fetch-Site", "same-site").POST(HttpRequest.BodyPublishers.ofString(withNonce)));
        assertEquals(403, fromAnotherOrigin.statusCode(), "a form the browser says another origin posted reaches no "
                + "page, even with the page's view state");
        assertTrue(fromAnotherOrigin.body().contains("id=\"foreign-form\""), fromAnotherOrigin.body());
        assertEquals("nosniff", fromAnotherOrigin.headers().firstValue("X-Content-Type-Options").orElse(""));
        HttpResponse<String> withoutNonce = withSession(HttpRequest.newBuilder(URI.create(TestNode.baseUrl()
                + PatientsPage.PATH)).header("Content-Type", "application/x-www-form-urlencoded")
                .header("Sec-Fetch-Site", "cross-site").POST(HttpRequest.BodyPublishers.ofString(form
                        + "&jakarta.faces.ViewState=" + URLEncoder.encode(realViewState, StandardCharsets.UTF_8))));
        assertEquals(403, withoutNonce.statusCode(), "the same answer whatever the form holds: " + withoutNonce.body());
        assertTrue(withoutNonce.body().contains("id=\"foreign-form\""), withoutNonce.body());
        assertEquals(404, clerk.get("/patients?mrn=" + mrn).statusCode());
        HttpResponse<String> genuine = postForm(form + "&primefaces.nonce=" + URLEncoder.encode(nonce,
                StandardCharsets.UTF_8), realViewState);
        assertEquals(302, genuine.statusCode(), "registered, then redirected to the chart");
        assertEquals(200, clerk.get("/patients?mrn=" + mrn).statusCode());
        String otherMrn = mrn + "-2";

        HttpResponse<String> cookieOnly = withSession(HttpRequest.newBuilder(
                URI.create(TestNode.baseUrl() + "/custodia/api/patients?mrn=" + otherMrn)).GET());
        assertEquals(401, cookieOnly.statusCode(), "the session cookie alone never opens the API");
        String token = browser.driver().findElement(By.cssSelector("meta[name='csrf-token']")).getAttribute("content");
        HttpResponse<String> wrongToken = withSession(HttpRequest.newBuilder(
                URI.create(TestNode.baseUrl() + "/custodia/api/patients?mrn=" + otherMrn)).header("X-CSRF-Token", "x" + token)
                .GET());
        assertEquals(403, wrongToken.statusCode());
        HttpResponse<String> withToken = withSession(HttpRequest.newBuilder(
                URI.create(TestNode.baseUrl() + "/custodia/api/patients?mrn=" + otherMrn)).header("X-CSRF-Token", token)
                .GET());
        assertEquals(404, withToken.statusCode(), "signed in as the clerk: the patient is simply not there");

        for (String site : List.of("cross-site", "same-site")) {
            HttpResponse<String> fromElsewhere = withSession(HttpRequest.newBuilder(
                    URI.create(TestNode.baseUrl() + PatientsPage.PATH)).header("Sec-Fetch-Site", site).GET());
            assertEquals(302, fromElsewhere.statusCode(), "a page opened from another site, or from another host "
                    + "of the same site, counts as not signed in (" + site + ")");
            assertTrue(fromElsewhere.headers().firstValue("Location").orElse("").contains("/sign-in.xhtml"));
        }
    }

    @Test
    void signingOutEndsTheSession() {
        SignInPage signIn = SignInPage.open(browser);
        assertNull(browser.driver().manage().getCookieNamed("JSESSIONID"), "the sign-in page starts no session");
        signIn.signInAs(physician);
        Cookie session = browser.driver().manage().getCookieNamed("JSESSIONID");
        assertNotNull(session, "signing in starts one");
        assertEquals("You have signed out.", Masthead.signOut(browser).reason());
        assertNull(browser.driver().manage().getCookieNamed("JSESSIONID"), "the browser forgets the ended session");
        HttpResponse<String> old = TestNode.send(HttpRequest.newBuilder(URI.create(TestNode.baseUrl()
                + "/custodia/staff/index.xhtml")).header("Cookie", "JSESSIONID=" + session.getValue()).GET());
        assertEquals(302, old.statusCode(), "the old session opens nothing");

        browser.driver().manage().addCookie(new Cookie("JSESSIONID", session.getValue(), "/custodia"));
        SignInPage.open(browser).signInAs(physician);
        assertNotEquals(session.getValue(), browser.driver().manage().getCookieNamed("JSESSIONID").getValue(),
                "a sign-in never takes on a session id the browser brought");
        // the node page holds no view state: only the session's token tells its sign-out form from another site's
        String nonce = browser.driver().findElement(By.cssSelector("form[id='session'] input[name='primefaces.nonce']"))
                .getAttribute("value");
        HttpResponse<String> forgedSignOut = withSession(HttpRequest.newBuilder(URI.create(TestNode.baseUrl()
                + "/custodia/index.xhtml")).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("session=session&session%3Asign-out=Sign+out"
                        + "&jakarta.faces.ViewState=stateless&sign-out-token=forged&primefaces.nonce="
                        + URLEncoder.encode(nonce, StandardCharsets.UTF_8))));
        assertEquals(302, forgedSignOut.statusCode(), forgedSignOut.body());
        assertTrue(forgedSignOut.headers().firstValue("Location").orElse("").endsWith("/custodia/index.xhtml"),
                "a sign-out without the session's token ends nothing: " + forgedSignOut.headers().map());
        assertEquals(200, withSession(HttpRequest.newBuilder(URI.create(TestNode.baseUrl()
                + "/custodia/staff/index.xhtml")).GET()).statusCode(), "still signed in");

        // the sign-out form of a page whose view the session no longer keeps (it keeps a limited number): nothing is
        // done, and the page says the session goes on, where it said that the session had ended
        String token = browser.driver().findElement(By.name("sign-out-token")).getAttribute("value");
        HttpResponse<String> expired = withSession(HttpRequest.newBuilder(URI.create(TestNode.baseUrl()
                + "/custodia/staff/index.xhtml")).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("session=session&session%3Asign-out=Sign+out"
                        + "&jakarta.faces.ViewState=" + URLEncoder.encode("-1234567890:987654321", StandardCharsets.UTF_8)
                        + "&sign-out-token=" + URLEncoder.encode(token, StandardCharsets.UTF_8) + "&primefaces.nonce="
                        + URLEncoder.encode(nonce, StandardCharsets.UTF_8))));
        assertTrue(expired.body().contains("you are still signed in as " + physician.username()),
                expired.statusCode() + ": " + expired.body());
        assertFalse(expired.body().contains("Your session has ended"), expired.body());
        assertEquals(200, withSession(HttpRequest.newBuilder(URI.create(TestNode.baseUrl()
                + "/custodia/staff/index.xhtml")).GET()).statusCode(), "and it does");
    }

    /**
     * One account signing in from ever new browsers (a script): past its bound, each sign-in ends its oldest session,
     * where before each took one more of the node's sessions until no one else could sign in.
     */
    @Test
    void anAccountHoldsAtMostItsBoundOfSessionsTheOldestEnding() {
        StaffClient nurse = admin.createAccount("nurse");
        List<String> sessions = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            browser.driver().manage().deleteAllCookies();
            SignInPage.open(browser).signInAs(nurse);
            sessions.add(browser.driver().manage().getCookieNamed("JSESSIONID").getValue());
        }
        HttpResponse<String> oldest = staffHomeWith(sessions.get(0));
        assertEquals(302, oldest.statusCode(), "the oldest of nine sessions ended (at most 8 per account)");
        URI signInAgain = URI.create(oldest.headers().firstValue("Location").orElse(""));
        assertTrue(String.valueOf(signInAgain.getQuery()).contains("reason=displaced"), signInAgain.toString());
        HttpResponse<String> told = TestNode.get(signInAgain.getRawPath() + "?" + signInAgain.getRawQuery());
        assertTrue(told.body().contains("your account signed in from more browsers at once than the node allows"),
                "and its browser is told why, not that it sat idle: " + told.body());
        for (String kept : sessions.subList(1, sessions.size())) {
            assertEquals(200, staffHomeWith(kept).statusCode(), "the eight newest still open");
        }
        HttpResponse<String> signIns = privacyOfficer.get("/audit?action=staff.sign-in&actor=" + nurse.username());
        assertTrue(signIns.body().contains("the account's oldest page session ended"),
                "the sign-in that ended it says so in the trail: " + signIns.body());
        browser.driver().manage().deleteAllCookies();
    }

    private static HttpResponse<String> staffHomeWith(String session) {
        return TestNode.send(HttpRequest.newBuilder(URI.create(TestNode.baseUrl() + "/custodia/staff/index.xhtml"))
                .header("Cookie", "JSESSIONID=" + session).GET());
    }

    @Test
    void pagesAnyoneMayAskForStartNoSessionAndOnlyTheSignInPagesOwnFormSignsIn() {
        for (String path : List.of("/custodia/sign-in.xhtml", "/custodia/", "/custodia/index.xhtml",
                "/custodia/no-such-page.xhtml", "/custodia/session-ended.xhtml")) {
            HttpResponse<String> page = TestNode.get(path);
            assertTrue(page.headers().allValues("Set-Cookie").stream().noneMatch(c -> c.startsWith("JSESSIONID=")),
                    path + " starts no session: " + page.headers().allValues("Set-Cookie"));
        }
        SignInPage.open(browser);
        Cookie formCookie = browser.driver().manage().getCookieNamed("__Host-custodia-sign-in");
        assertNotNull(formCookie, "the sign-in page sets its form's cookie");
        assertTrue(formCookie.isHttpOnly() && formCookie.isSecure() && "Lax".equals(formCookie.getSameSite()),
                formCookie.toString());
        String token = browser.driver().findElement(By.cssSelector("form[id='sign-in'] input[name='sign-in-token']"))
                .getAttribute("value");
        assertEquals(formCookie.getValue(), token, "the form carries the cookie's value");
        String nonce = browser.driver().findElement(By.cssSelector("form[id='sign-in'] input[name='primefaces.nonce']"))
                .getAttribute("value");
        String form = "sign-in=sign-in&next=&sign-in%3Ausername=" + physician.username()
                + "&sign-in%3Apassword=" + URLEncoder.encode(physician.password(), StandardCharsets.UTF_8)
                + "&sign-in%3Asubmit=Sign+in&jakarta.faces.ViewState=stateless&primefaces.nonce="
                + URLEncoder.encode(nonce, StandardCharsets.UTF_8) + "&sign-in-token=";

        // another site's form: it can neither read the cookie's value nor have the browser send the cookie
        HttpResponse<String> noCookie = postSignIn(form + "made-up", null, null);
        HttpResponse<String> otherValue = postSignIn(form + (token.startsWith("x") ? "y" : "x") + token.substring(1),
                formCookie.getValue(), null);
        for (HttpResponse<String> refused : List.of(noCookie, otherValue)) {
            assertEquals(200, refused.statusCode(), refused.body());
            assertTrue(refused.body().contains("did not come from the sign-in page of this node"), refused.body());
            assertTrue(refused.headers().allValues("Set-Cookie").stream().noneMatch(c -> c.startsWith("JSESSIONID=")),
                    "no one signed in: " + refused.headers().allValues("Set-Cookie"));
        }
        // another origin of this site (another node on this host) could set the cookie: the browser says where the
        // form was, and no page takes a form another site or origin posted
        for (String site : List.of("same-site", "cross-site")) {
            HttpResponse<String> elsewhere = postSignIn(form + token, formCookie.getValue(), site);
            assertEquals(403, elsewhere.statusCode(), site + ": " + elsewhere.body());
            assertTrue(elsewhere.body().contains("id=\"foreign-form\""), site + ": " + elsewhere.body());
            assertTrue(elsewhere.headers().allValues("Set-Cookie").stream().noneMatch(c -> c.startsWith("JSESSIONID=")),
                    site + ": no one signed in");
        }
        HttpResponse<String> genuine = postSignIn(form + token, formCookie.getValue(), "same-origin");
        assertEquals(302, genuine.statusCode(), genuine.body());
        assertTrue(genuine.headers().firstValue("Location").orElse("").endsWith("/custodia/staff/index.xhtml"));
        assertTrue(genuine.headers().allValues("Set-Cookie").stream().anyMatch(c -> c.startsWith("JSESSIONID=")),
                "the page's own form signs in: " + genuine.headers().allValues("Set-Cookie"));
    }

    /** Posts the sign-in form with no session, with the form's cookie and a {@code Sec-Fetch-Site} when given. */
    private static HttpResponse<String> postSignIn(String form, String formCookie, String fetchSite) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(TestNode.baseUrl() + SignInPage.PATH))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form));
        if (formCookie != null) {
            request.header("Cookie", "__Host-custodia-sign-in=" + formCookie);
        }
        if (fetchSite != null) {
            request.header("Sec-Fetch-Site", fetchSite);
        }
        return TestNode.send(request);
    }

    /** Posts the registration form with this browser's session cookie, as another site's form would. */
    private HttpResponse<String> postForm(String form, String viewState) {
        String body = viewState == null ? form
                : form + "&jakarta.faces.ViewState=" + URLEncoder.encode(viewState, StandardCharsets.UTF_8);
        return withSession(HttpRequest.newBuilder(URI.create(TestNode.baseUrl() + PatientsPage.PATH))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Origin", "https://elsewhere.example")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private HttpResponse<String> withSession(HttpRequest.Builder request) {
        Cookie session = browser.driver().manage().getCookieNamed("JSESSIONID");
        return TestNode.send(request.header("Cookie", "JSESSIONID=" + session.getValue()));
    }

    private static String sha256(byte[] content) throws NoSuchAlgorithmException {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    }
}
