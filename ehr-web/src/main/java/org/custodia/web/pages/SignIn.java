package org.custodia.web.pages;

import java.io.IOException;
import java.time.Duration;

import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.SecurityContext;
import jakarta.security.enterprise.authentication.mechanism.http.AuthenticationParameters;
import jakarta.security.enterprise.credential.Password;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.custodia.web.security.StaffAuthentication;
import org.custodia.web.security.StaffSession;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Backs the sign-in page and the template's sign-out button. Signing in goes through the web module's one
 * authentication mechanism (which starts a new session); afterwards the browser returns to the page it asked for,
 * only ever a page under {@code /staff/}.
 */
@Named
@RequestScoped
public class SignIn {

    static final String HOME = "/staff/index.xhtml";

    @Inject
    private SecurityContext security;

    @Inject
    private FacesContext faces;

    @Inject
    private ExternalContext external;

    @Inject
    private PageMessages messages;

    @Inject
    @ConfigProperty(name = "custodia.web.session-idle", defaultValue = "PT15M")
    private Duration idle;

    private String username;
    private String password;
    private String next;
    private String reason;

    public void signIn() throws IOException {
        HttpServletRequest request = (HttpServletRequest) external.getRequest();
        AuthenticationStatus status = security.authenticate(request, (HttpServletResponse) external.getResponse(),
                AuthenticationParameters.withParams()
                        .credential(new UsernamePasswordCredential(username, new Password(password)))
                        .newAuthentication(true));
        password = null;
        if (status == AuthenticationStatus.SUCCESS) {
            external.redirect(external.getRequestContextPath() + safeNext());
        } else if (status == AuthenticationStatus.SEND_CONTINUE) {
            faces.responseComplete();
        } else {
            Long retryAfter = StaffAuthentication.retryAfter(request);
            faces.addMessage(null, retryAfter == null ? messages.error("signIn.failed")
                    : messages.error("signIn.throttled", retryAfter));
        }
    }

    public void signOut() throws ServletException, IOException {
        ((HttpServletRequest) external.getRequest()).logout();
        external.invalidateSession();
        external.redirect(external.getRequestContextPath() + "/sign-in.xhtml?reason=signed-out");
    }

    /** Only a page of this application under {@code /staff/}: the sign-in page never redirects elsewhere. */
    private String safeNext() {
        boolean safe = next != null && next.startsWith("/staff/") && !next.contains("\\") && !next.contains("//")
                && next.chars().noneMatch(c -> c < 0x20);
        return safe ? next : HOME;
    }

    /** Why the sign-in page is shown, if the reason is worth a sentence. */
    public String getReasonText() {
        if (reason == null) {
            return null;
        }
        switch (reason) {
            case "expired":
                return idle.toSecondsPart() == 0 ? messages.text("signIn.expired", idle.toMinutes())
                        : messages.text("signIn.expiredSeconds", idle.toSeconds());
            case "ended":
                return messages.text("signIn.ended");
            case "signed-out":
                return messages.text("signIn.signedOut");
            case "required":
                return messages.text("signIn.required");
            default:
                return null;
        }
    }

    /** Whether the browser already holds a signed-in session (the page then offers to continue). */
    public boolean isSignedIn() {
        return StaffSession.of((HttpServletRequest) external.getRequest()) != null;
    }

    public String getUsername() {
        return username;
    }

    public void setUsername(String username) {
        this.username = username;
    }

    public String getPassword() {
        return null;
    }

    public void setPassword(String password) {
        this.password = password;
    }

    /** Where a staff member already signed in goes on to: the page asked for, if it is a staff page, else home. */
    public String getContinueTo() {
        return safeNext();
    }

    public String getNext() {
        return next;
    }

    public void setNext(String next) {
        this.next = next;
    }

    public String getReason() {
        return reason;
    }

    public void setReason(String reason) {
        this.reason = reason;
    }
}
