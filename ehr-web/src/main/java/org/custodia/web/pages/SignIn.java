package org.custodia.web.pages;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;

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
import jakarta.servlet.SessionCookieConfig;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.custodia.web.security.StaffAuthentication;
import org.custodia.web.security.StaffSession;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Backs the sign-in page and the template's sign-out button. The page holds no session (its view is stateless): a
 * session starts when a sign-in succeeds, through the web module's one authentication mechanism, and a form is tried
 * only when it comes from this page ({@link SignInForm}). Afterwards the browser returns to the page it asked for,
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
    private String formValue;

    /** Before the page is rendered: the value its form carries back, its cookie set if the browser has none. */
    public void prepareForm() {
        formValue = SignInForm.value((HttpServletRequest) external.getRequest(),
                (HttpServletResponse) external.getResponse());
    }

    public void signIn() throws IOException {
        HttpServletRequest request = (HttpServletRequest) external.getRequest();
        if (!SignInForm.sentByThisPage(request)) {
            // another site's form, or this page's without its cookie: no password is checked
            password = null;
            faces.addMessage(null, messages.error("signIn.notThisPage"));
            return;
        }
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

    /** Ends the session, when the form came from one of its pages (it carries the session's token). */
    public void signOut() throws ServletException, IOException {
        HttpServletRequest request = (HttpServletRequest) external.getRequest();
        StaffSession session = StaffSession.of(request);
        if (session != null && !session.matches(request.getParameter("sign-out-token"))) {
            // another page's form: nothing ends, and the browser goes to the public node page
            external.redirect(external.getRequestContextPath() + "/index.xhtml");
            return;
        }
        request.logout();
        external.invalidateSession();
        // the browser forgets the ended session's id too: the sign-in page starts no session that would replace it
        SessionCookieConfig cookie = request.getServletContext().getSessionCookieConfig();
        String path = cookie.getPath() != null ? cookie.getPath()
                : external.getRequestContextPath().isEmpty() ? "/" : external.getRequestContextPath();
        external.addResponseCookie(cookie.getName() == null ? "JSESSIONID" : cookie.getName(), "",
                Map.of("maxAge", 0, "path", path, "secure", request.isSecure(), "httpOnly", true));
        external.redirect(external.getRequestContextPath() + "/sign-in.xhtml?reason=signed-out");
    }

    /** Only a page of this application under {@code /staff/}: the sign-in page never redirects elsewhere. */
    private String safeNext() {
        String asked = getNext();
        boolean safe = asked != null && asked.startsWith("/staff/") && !asked.contains("\\") && !asked.contains("//")
                && asked.chars().noneMatch(c -> c < 0x20);
        return safe ? asked : HOME;
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
            case "displaced":
                return messages.text("signIn.displaced");
            case "signed-out":
                return messages.text("signIn.signedOut");
            case "required":
                return messages.text("signIn.required");
            default:
                return null;
        }
    }

    /** What the form carries back to show it came from this page (see {@link #prepareForm}). */
    public String getFormValue() {
        return formValue;
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

    /**
     * The page asked for before signing in, as the request names it: the address's {@code next} when the page is
     * shown, its form's field when the form is posted.
     */
    public String getNext() {
        if (next == null) {
            next = external.getRequestParameterMap().get("next");
        }
        return next;
    }

    public String getReason() {
        return reason;
    }

    public void setReason(String reason) {
        this.reason = reason;
    }
}
