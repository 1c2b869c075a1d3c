package org.custodia.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
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
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.UUID;

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

        PatientChartPage chart = patients.register(mrn, "Lovelace", "Ada", "1980-04-23", nationalId);
        assertEquals(mrn, chart.mrn());
        assertFalse(chart.offersUpload(), "a clerk uploads nothing");
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
            upload.upload(document, "Laboratory", "Electrolytes from the page");
            assertEquals("Stored. The record is anchored on the chain or queued for it.", upload.result());
            assertEquals(100, upload.progress());
            browser.screenshot("upload");
            chart = upload.backToChart();
            assertEquals(List.of("Electrolytes from the page"), chart.recordTitles());
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
        // the same post with the page's own view state, which only a page of this site can read, does register
        String realViewState = browser.driver().findElement(By.cssSelector(
                "form[id='register'] input[name='jakarta.faces.ViewState']")).getAttribute("value");
        HttpResponse<String> genuine = postForm(form, realViewState);
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

        HttpResponse<String> crossSite = withSession(HttpRequest.newBuilder(
                URI.create(TestNode.baseUrl() + PatientsPage.PATH)).header("Sec-Fetch-Site", "cross-site").GET());
        assertEquals(302, crossSite.statusCode(), "a page opened from another site counts as not signed in");
        assertTrue(crossSite.headers().firstValue("Location").orElse("").contains("/sign-in.xhtml"));
    }

    @Test
    void signingOutEndsTheSession() {
        SignInPage signIn = SignInPage.open(browser);
        Cookie before = browser.driver().manage().getCookieNamed("JSESSIONID");
        signIn.signInAs(physician);
        Cookie session = browser.driver().manage().getCookieNamed("JSESSIONID");
        assertNotNull(before, "the sign-in page keeps its form in a session");
        assertFalse(before.getValue().equals(session.getValue()), "signing in starts a new session id");
        assertEquals("You have signed out.", Masthead.signOut(browser).reason());
        HttpResponse<String> old = TestNode.send(HttpRequest.newBuilder(URI.create(TestNode.baseUrl()
                + "/custodia/staff/index.xhtml")).header("Cookie", "JSESSIONID=" + session.getValue()).GET());
        assertEquals(302, old.statusCode(), "the old session opens nothing");
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
