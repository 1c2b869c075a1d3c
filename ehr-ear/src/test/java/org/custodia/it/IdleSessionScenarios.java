package org.custodia.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.Cookie;

/**
 * The idle time-out of the pages' sessions, for real: the PostgreSQL run's domain sets
 * {@code custodia.web.session-idle} to 20 seconds (see the module's pom). A session signed in at the start of the run
 * is used again after the other groups' work (waiting for the rest of the time-out if they took less), and has
 * ended. Moving the session cookie
 * into a fresh browser is shown to keep the sign-in first, so the refusal is the time-out's doing.
 */
final class IdleSessionScenarios {

    static final Duration IDLE = Duration.ofSeconds(20);

    private static Cookie session;
    private static Instant lastUsed;

    private IdleSessionScenarios() {
    }

    /** Signs in and proves that the session cookie alone carries the sign-in into another browser. */
    abstract static class Begins {

        @Test
        void aSignedInSessionWorksFromItsCookieAlone() {
            StaffClient clerk = StaffClient.admin().createAccount("clerk");
            try (Browser first = Browser.start()) {
                SignInPage.open(first).signInAs(clerk);
                session = first.driver().manage().getCookieNamed("JSESSIONID");
            }
            try (Browser second = Browser.start()) {
                carry(second);
                second.open("/custodia/staff/index.xhtml");
                assertEquals("Welcome, " + clerk.username(), new StaffHomePage(second).welcome());
                lastUsed = Instant.now();
            }
        }
    }

    /** Uses the session again after more than the idle time-out. */
    abstract static class Ends {

        @Test
        void afterTheIdleTimeOutTheSessionHasEnded() throws InterruptedException {
            assertNotNull(lastUsed, "no session to test: the group that signs in (IdleSessionBegins) failed");
            Duration idle = Duration.between(lastUsed, Instant.now());
            Duration margin = IDLE.plusSeconds(5);
            if (idle.compareTo(margin) < 0) {
                Thread.sleep(margin.minus(idle).toMillis());
            }
            try (Browser browser = Browser.start()) {
                carry(browser);
                browser.open("/custodia/staff/index.xhtml");
                assertEquals("Your session ended after 20 seconds without activity. Sign in again.",
                        new SignInPage(browser).reason());
            }
        }
    }

    private static void carry(Browser browser) {
        browser.open("/custodia/index.xhtml");
        browser.driver().manage().addCookie(session);
    }
}
