package org.custodia.web.security;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.AuthenticationException;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.security.enterprise.credential.Password;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStoreHandler;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.custodia.kernel.Failure;
import org.custodia.kernel.StaffRole;
import org.custodia.persistence.DatabaseOutage;
import org.custodia.staff.AccountState;
import org.custodia.staff.StaffDirectory;
import org.custodia.web.dto.ProblemDetails;
import org.custodia.web.rest.Problems;
import org.custodia.web.soap.InvalidSoapRequestException;
import org.custodia.web.soap.RecordsEndpoint;
import org.custodia.web.soap.ReplayedRequest;
import org.custodia.web.soap.SecurityFaults;
import org.custodia.web.soap.UsernameTokenReader;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * How staff sign in, one mechanism for the whole web module (Jakarta Security allows one):
 * <ul>
 * <li>pages: the session a sign-in on the sign-in page establishes, never HTTP Basic; a protected page without it
 * redirects to the sign-in page; a page another site's page opened counts as not signed in, and a form it posted is
 * refused (403) before any page reads it;</li>
 * <li>the REST API: HTTP Basic on every request as always, or the pages' session when the request carries that
 * session's anti-forgery token in {@value #CSRF_HEADER} (the pages' own scripts), never the session cookie alone;</li>
 * <li>the SOAP records service: the WS-Security UsernameToken in each request's header, read before the SOAP runtime
 * reads the request (which then reads it whole, replayed), checked and throttled exactly as HTTP Basic; its WSDL and
 * schema are public;</li>
 * <li>the node API: nothing here, other nodes sign their calls.</li>
 * </ul>
 * The caller's roles then reach the EJBs the same way for every channel, so the access policy decides and audits
 * alike. No principal is ever registered with the container's session: the signed-in state is {@link StaffSession},
 * checked against the account on each request (disabled, or its password set since: the session ends; roles
 * changed: the new ones apply) and
 * ended after {@code custodia.web.session-max-age} however active. An account whose password an administrator set
 * may only change it: pages redirect to {@value #PASSWORD_PAGE}, the API answers 403 {@code password-change-required}.
 */
@ApplicationScoped
public class StaffAuthentication implements HttpAuthenticationMechanism {

    static final String REALM = "Custodia";
    /** The request header the pages' scripts send the session's anti-forgery token in. */
    public static final String CSRF_HEADER = "X-CSRF-Token";
    static final String SIGN_IN_PAGE = "/sign-in.xhtml";
    private static final String WRONG_CREDENTIALS = "the username or password is not valid, or the account is inactive";
    /** Seconds until a throttled sign-in is checked again, if the last attempt on this request was throttled. */
    public static Long retryAfter(HttpServletRequest request) {
        return (Long) request.getAttribute(StaffIdentityStore.RETRY_AFTER);
    }

    /** Marks a request whose session this mechanism ended (account disabled, or the session too old). */
    private static final String SESSION_ENDED = StaffAuthentication.class.getName() + ".ended";
    private static final Logger LOG = Logger.getLogger(StaffAuthentication.class.getName());
    /** The one page a session whose password an administrator set may open. */
    static final String PASSWORD_PAGE = "/staff/password.xhtml";
    /** The one API resource (path below {@code /api}) a caller whose password an administrator set may call. */
    static final String OWN_PASSWORD_API = "/staff/me/password";
    /** The answer to a form another site's page posted (no script, nothing loaded). */
    static final byte[] FOREIGN_FORM_PAGE = ("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
            + "<title>Refused</title></head><body><h1>Refused</h1><p id=\"foreign-form\">This form was sent from a "
            + "page of another site, so nothing was done. Open the page on this node and send it from there.</p>"
            + "</body></html>").getBytes(StandardCharsets.UTF_8);

    @Inject
    private IdentityStoreHandler identityStores;

    @Inject
    private HttpsOnly httpsOnly;

    @Inject
    private AccountSessions accountSessions;

    @Inject
    @ConfigProperty(name = "custodia.web.session-idle", defaultValue = "PT15M")
    private Duration idle;

    @Inject
    @ConfigProperty(name = "custodia.web.session-max-age", defaultValue = "PT12H")
    private Duration maxAge;

    @EJB
    private StaffDirectory staff;

    private final Clock clock = Clock.systemUTC();

    @Override
    public AuthenticationStatus validateRequest(HttpServletRequest request, HttpServletResponse response,
            HttpMessageContext context) throws AuthenticationException {
        if (httpsOnly.redirected(request, response)) {
            return AuthenticationStatus.SEND_CONTINUE;
        }
        if (context.isAuthenticationRequest()) {
            // the sign-in page's own call: a failure reaches the page's action, as any failure there does
            return signIn(request, context);
        }
        try {
            return byChannel(request, response, context);
        } catch (RuntimeException e) {
            return cannotCheck(request, response, e);
        }
    }

    private AuthenticationStatus byChannel(HttpServletRequest request, HttpServletResponse response,
            HttpMessageContext context) throws AuthenticationException {
        switch (Channel.of(request.getServletPath(), request.getPathInfo())) {
            case NODE_API:
                return context.doNothing();
            case SOAP:
                return soap(request, response, context);
            case PAGE:
                return page(request, response, context);
            case API:
                return api(request, response, context);
            default:
                return basic(request, response, context);
        }
    }

    /**
     * A request whose caller could not be checked (the staff accounts are in the database): a database out of reach
     * is a 503 to retry (a server fault {@code unavailable} over SOAP), anything else a 500 (over SOAP, the SOAP
     * runtime's own fault), logged under a reference the answer names. Nothing of the request is done.
     */
    private static AuthenticationStatus cannotCheck(HttpServletRequest request, HttpServletResponse response,
            RuntimeException failure) throws AuthenticationException {
        if (response.isCommitted()) {
            throw failure;
        }
        boolean outage = DatabaseOutage.causedBy(failure);
        Channel channel = Channel.of(request.getServletPath(), request.getPathInfo());
        if (channel == Channel.SOAP && !outage) {
            throw failure;
        }
        String reference = UUID.randomUUID().toString();
        if (outage) {
            DatabaseOutage.log(LOG, "Cannot check the caller of " + request.getRequestURI(), reference, failure);
        } else {
            LOG.log(Level.SEVERE, "Cannot check the caller of " + request.getRequestURI() + " (reference "
                    + reference + ")", failure);
        }
        String detail = outage ? DatabaseOutage.detail(reference) : "the caller could not be checked, so nothing was "
                + "done; the server log has the details under reference " + reference;
        Problems.Kind kind = outage ? Problems.kind(Failure.UNAVAILABLE) : Problems.INTERNAL;
        switch (channel) {
            case SOAP:
                return soapFault(response, SecurityFaults.isSoap12(request.getContentType()),
                        SecurityFaults.unavailable(detail));
            case PAGE:
                // not the Faces error page: it names no reference, and a page may need what just failed
                return staticAnswer(request, response, kind.status(), cannotCheckPage(outage, reference),
                        "that the caller could not be checked");
            default:
                return problem(request, response, kind.status(), kind.type(), kind.title(), detail, null);
        }
    }

    @Override
    public void cleanSubject(HttpServletRequest request, HttpServletResponse response, HttpMessageContext context) {
        HttpSession session = request.getSession(false);
        if (session != null) {
            session.removeAttribute(StaffSession.ATTRIBUTE);
        }
        context.cleanClientSubject();
    }

    /**
     * The sign-in page's {@code SecurityContext.authenticate}: on success a new session id (no fixation), the idle
     * time-out and the {@link StaffSession}; on failure nothing is written, so the page shows its message.
     */
    private AuthenticationStatus signIn(HttpServletRequest request, HttpMessageContext context) {
        if (!(context.getAuthParameters().getCredential() instanceof UsernamePasswordCredential credential)) {
            return AuthenticationStatus.SEND_FAILURE;
        }
        Optional<StaffSession> checked = unchangedWhileChecked(credential.getCaller(),
                () -> identityStores.validate(credential), staff::currentState, clock.instant(),
                caller -> staff.signInRefused(caller, "sign-in page: the account changed while its password was "
                        + "being checked"));
        if (checked.isEmpty()) {
            return AuthenticationStatus.SEND_FAILURE;
        }
        StaffSession started = checked.get();
        HttpSession existing = request.getSession(false);
        // audited before the session exists: a database that refuses the entry leaves no one signed in
        staff.signedIn(started.caller(), (started.passwordChangeRequired() ? "sign-in page, password change required"
                : "sign-in page") + (accountSessions.atBound(started.caller(), existing) ? "; the account's oldest "
                + "page session ended (" + accountSessions.max() + " at most at once)" : ""));
        try {
            if (existing != null && existing.getAttribute(StaffSession.ATTRIBUTE) != null) {
                // someone else (or the same person again) was signed in here: nothing of that session carries over
                existing.invalidate();
            } else if (existing != null) {
                request.changeSessionId();
            }
        } catch (IllegalStateException endedMeanwhile) {
            // timed out, or ended as its account's oldest, in between: a new session follows all the same
        }
        HttpSession session = request.getSession(true);
        session.setMaxInactiveInterval((int) Math.max(1, idle.toSeconds()));
        session.setAttribute(StaffSession.ATTRIBUTE, started);
        accountSessions.signedIn(started.caller(), session);
        return context.notifyContainerAboutLogin(started.caller(), started.groups());
    }

    /**
     * The session a valid sign-in begins, with when the account's credentials were last changed as the password was
     * checked against them: read before and after the check, and refused when they differ, since a reset, a disable
     * or the owner's new password committed meanwhile must end what began with the old password, not carry it on.
     *
     * @param refused told the account whose valid sign-in was refused so
     */
    static Optional<StaffSession> unchangedWhileChecked(String typed, Supplier<CredentialValidationResult> check,
            Function<String, Optional<AccountState>> accounts, Instant now, Consumer<String> refused) {
        Optional<AccountState> before = accounts.apply(typed);
        CredentialValidationResult result = check.get();
        if (result.getStatus() != CredentialValidationResult.Status.VALID) {
            return Optional.empty();
        }
        String caller = result.getCallerPrincipal().getName();
        Optional<AccountState> after = accounts.apply(caller);
        if (!caller.equals(typed) || before.isEmpty() || after.isEmpty()
                || !Objects.equals(before.get().credentialsChangedAt(), after.get().credentialsChangedAt())) {
            refused.accept(caller);
            return Optional.empty();
        }
        return Optional.of(StaffSession.start(caller, result.getCallerGroups(), now,
                after.get().credentialsChangedAt()));
    }

    private AuthenticationStatus page(HttpServletRequest request, HttpServletResponse response,
            HttpMessageContext context) throws AuthenticationException {
        // A request another site's page made counts as not signed in: a link or an image on another site, also one
        // on a sibling host of the same site (an intranet wiki), cannot make a page read records (an audited
        // action) in a signed-in staff member's name. Told by Fetch Metadata only: with the pages' no-referrer
        // policy, a browser without it sends "Origin: null" on the pages' own form posts.
        String site = request.getHeader("Sec-Fetch-Site");
        boolean fromElsewhere = "cross-site".equals(site) || "same-site".equals(site);
        if (fromElsewhere && "POST".equals(request.getMethod())) {
            // A form such a page posted is taken by no page, signed in or not: the pages anyone may ask for (sign-in
            // included) keep no view state that would refuse it. Browsers without Fetch Metadata are left to the
            // view state of the staff pages, the sign-in form's own value (SignInForm) and the sign-out button's
            // token.
            return refuseForeignForm(request, response);
        }
        StaffSession signedIn = fromElsewhere ? null : current(request);
        if (signedIn == null) {
            return context.isProtected() ? toSignIn(request, response, context,
                    accountSessions.displaced(request.getRequestedSessionId())) : context.doNothing();
        }
        String path = request.getServletPath();
        if (signedIn.passwordChangeRequired() && path.startsWith("/staff/") && !path.equals(PASSWORD_PAGE)) {
            return context.redirect(request.getContextPath() + PASSWORD_PAGE + "?reason=required");
        }
        return context.notifyContainerAboutLogin(signedIn.caller(), signedIn.groups());
    }

    /**
     * A static page, not the Faces error page: that would be rendered as a post of the foreign form's fields (its
     * view state, its nonce), which Faces and PrimeFaces would read.
     */
    private static AuthenticationStatus refuseForeignForm(HttpServletRequest request, HttpServletResponse response)
            throws AuthenticationException {
        return staticAnswer(request, response, HttpServletResponse.SC_FORBIDDEN, FOREIGN_FORM_PAGE,
                "the refusal of a form posted from another site");
    }

    /** What a staff page's caller reads when they cannot be checked, with the reference the log holds. */
    static byte[] cannotCheckPage(boolean outage, String reference) {
        return ("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>"
                + (outage ? "Unavailable" : "Error") + "</title></head><body><h1>"
                + (outage ? "The node cannot reach its database" : "Your sign-in could not be checked")
                + "</h1><p id=\"cannot-check\">Nothing was done. " + (outage ? "Try again in a minute. " : "")
                + "If this goes on, give the node's operators the reference " + reference + ".</p></body></html>")
                .getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Answers with a static page and ends the request here: written before any filter runs, so with the headers
     * every answer carries.
     */
    private static AuthenticationStatus staticAnswer(HttpServletRequest request, HttpServletResponse response,
            int status, byte[] page, String what) throws AuthenticationException {
        ResponseHardening.harden(request, response);
        try {
            ResponseHardening.staticPage(response, status, page);
            response.flushBuffer();
        } catch (IOException e) {
            throw new AuthenticationException("cannot send " + what, e);
        }
        return AuthenticationStatus.SEND_FAILURE;
    }

    /**
     * The session's staff member as the account stands now: a session past its maximum age, or of an account since
     * disabled or deleted, ends here; changed roles apply from this request on.
     */
    private StaffSession current(HttpServletRequest request) {
        StaffSession signedIn = StaffSession.of(request);
        if (signedIn == null) {
            return null;
        }
        boolean tooOld = signedIn.startedAt().plus(maxAge).isBefore(clock.instant());
        Optional<AccountState> account = tooOld ? Optional.empty() : staff.currentState(signedIn.caller());
        if (account.isEmpty()
                || !Objects.equals(account.get().credentialsChangedAt(), signedIn.credentialsChangedAt())) {
            end(request);
            return null;
        }
        Set<String> groups = account.get().roles().stream().map(StaffRole::roleName).collect(Collectors.toSet());
        if (!groups.equals(signedIn.groups())) {
            signedIn = signedIn.withGroups(groups);
            StaffSession.replace(request, signedIn);
        }
        return signedIn;
    }

    /** Ends the request's session (a concurrent request may have ended it already). */
    private static void end(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        if (session != null) {
            try {
                session.invalidate();
            } catch (IllegalStateException alreadyEnded) {
                // another request of the same session ended it first
            }
        }
        request.setAttribute(SESSION_ENDED, Boolean.TRUE);
    }

    private AuthenticationStatus api(HttpServletRequest request, HttpServletResponse response,
            HttpMessageContext context) throws AuthenticationException {
        String token = request.getHeader(CSRF_HEADER);
        if (token == null || request.getHeader("Authorization") != null) {
            return basic(request, response, context);
        }
        StaffSession signedIn = current(request);
        if (signedIn == null) {
            // no Basic challenge: a page's script must not make the browser ask for a password
            return problem(request, response, HttpServletResponse.SC_UNAUTHORIZED, "unauthorized", "Unauthorized",
                    "the session has ended: sign in again", "Session realm=\"" + REALM + "\"");
        }
        if (!signedIn.matches(token)) {
            return problem(request, response, HttpServletResponse.SC_FORBIDDEN, "forbidden", "Forbidden",
                    "the request's " + CSRF_HEADER + " is not this session's", null);
        }
        if (signedIn.passwordChangeRequired() && !OWN_PASSWORD_API.equals(request.getPathInfo())) {
            return passwordChangeRequired(request, response);
        }
        return context.notifyContainerAboutLogin(signedIn.caller(), signedIn.groups());
    }

    /**
     * HTTP Basic, checked on every request that carries it; protected resources without it get a challenge. A request
     * that another site's page made is refused before anything is checked: a browser that once asked a staff member
     * for these credentials sends them again on its own, so a form on any site could otherwise act in their name.
     */
    private AuthenticationStatus basic(HttpServletRequest request, HttpServletResponse response,
            HttpMessageContext context) throws AuthenticationException {
        if ((request.getHeader("Authorization") != null || context.isProtected()) && fromAnotherSite(request)) {
            return problem(request, response, HttpServletResponse.SC_FORBIDDEN, "cross-site-request",
                    "Request from another site", "another site's page cannot use HTTP Basic credentials here: staff "
                    + "software calls the API directly, and the staff pages use their signed-in session", null);
        }
        Optional<UsernamePasswordCredential> credential;
        try {
            credential = BasicCredentials.parse(request.getHeader("Authorization"));
        } catch (IllegalArgumentException e) {
            return challenge(request, response, e.getMessage());
        }
        if (credential.isPresent()) {
            SignInCheck check = check(credential.get(), request);
            if (check.caller() != null) {
                if (check.passwordChangeRequired() && !OWN_PASSWORD_API.equals(request.getPathInfo())) {
                    return passwordChangeRequired(request, response);
                }
                return context.notifyContainerAboutLogin(check.caller(), check.groups());
            }
            if (check.retryAfter() != null) {
                response.setHeader("Retry-After", check.retryAfter().toString());
                return problem(request, response, 429, "sign-in-throttled", "Too many failed sign-ins",
                        throttled(check.retryAfter()), null);
            }
            return challenge(request, response, WRONG_CREDENTIALS);
        }
        if (context.isProtected()) {
            return challenge(request, response, "sign in as a staff member with HTTP Basic authentication");
        }
        return context.doNothing();
    }

    /**
     * Whether a browser says that a page of another site made the request: by Fetch Metadata where it sends it
     * ({@code Sec-Fetch-Site}: another site, or another origin of the same site, such as another node on the same
     * host), else by an {@code Origin} other than this node's ({@code ownOrigin}). Staff software sends neither.
     */
    static boolean fromAnotherSite(String fetchSite, String origin, String ownOrigin) {
        if (fetchSite != null) {
            return fetchSite.equals("cross-site") || fetchSite.equals("same-site");
        }
        return origin != null && !origin.equalsIgnoreCase(ownOrigin);
    }

    private static boolean fromAnotherSite(HttpServletRequest request) {
        return fromAnotherSite(request.getHeader("Sec-Fetch-Site"), request.getHeader("Origin"),
                request.getScheme() + "://" + request.getHeader("Host"));
    }

    /** A sign-in attempt's outcome: the caller and its groups, or (failed) how long it is throttled, if it is. */
    private record SignInCheck(String caller, Set<String> groups, boolean passwordChangeRequired, Long retryAfter) {
    }

    /** Checks {@code credential} with the staff identity store, which throttles and audits failures. */
    private SignInCheck check(UsernamePasswordCredential credential, HttpServletRequest request) {
        CredentialValidationResult result = identityStores.validate(credential);
        if (result.getStatus() == CredentialValidationResult.Status.VALID) {
            Set<String> groups = new HashSet<>(result.getCallerGroups());
            boolean changeRequired = groups.remove(StaffIdentityStore.PASSWORD_CHANGE_REQUIRED);
            return new SignInCheck(result.getCallerPrincipal().getName(), groups, changeRequired, null);
        }
        Object retryAfter = request.getAttribute(StaffIdentityStore.RETRY_AFTER);
        return new SignInCheck(null, Set.of(), false, retryAfter == null ? null : ((Number) retryAfter).longValue());
    }

    private static String throttled(long retryAfter) {
        return "too many failed sign-ins for this account or from this address: try again in " + retryAfter + " s";
    }

    /**
     * A SOAP request's UsernameToken, checked as HTTP Basic credentials are; refusals are SOAP faults. GETs (the
     * WSDL and schema) pass without one. The request goes on with its envelope replayed ({@link ReplayedRequest}).
     */
    private AuthenticationStatus soap(HttpServletRequest request, HttpServletResponse response,
            HttpMessageContext context) throws AuthenticationException {
        if (!"POST".equals(request.getMethod())) {
            return context.doNothing();
        }
        UsernameTokenReader.Header header;
        try {
            header = UsernameTokenReader.read(request.getInputStream(), request.getContentType());
        } catch (InvalidSoapRequestException e) {
            return soapFault(response, SecurityFaults.isSoap12(request.getContentType()),
                    SecurityFaults.invalidRequest(e.getMessage()));
        } catch (IOException e) {
            throw new AuthenticationException("cannot read the SOAP request's envelope", e);
        }
        if (!RecordsEndpoint.offers(header.operation())) {
            return soapFault(response, header.soap12(), SecurityFaults.invalidRequest("the body's element is no "
                    + "operation of " + RecordsEndpoint.NAMESPACE + " (the WSDL at RecordsService?wsdl lists them)"));
        }
        if (header.token().isEmpty()) {
            return soapFault(response, header.soap12(), SecurityFaults.noToken("sign in as a staff member with a "
                    + "WS-Security UsernameToken (PasswordText) in the header"));
        }
        UsernameTokenReader.UsernameToken token = header.token().get();
        SignInCheck check;
        try {
            check = check(new UsernamePasswordCredential(token.username(), new Password(token.password())), request);
        } finally {
            Arrays.fill(token.password(), '\0');
        }
        if (check.caller() == null) {
            return soapFault(response, header.soap12(), check.retryAfter() != null
                    ? SecurityFaults.throttled(throttled(check.retryAfter()), check.retryAfter())
                    : SecurityFaults.wrongToken(WRONG_CREDENTIALS));
        }
        if (check.passwordChangeRequired()) {
            return soapFault(response, header.soap12(), SecurityFaults.passwordChangeRequired(
                    "an administrator set this account's password: set your own first (the sign-in page, or PUT "
                            + "/api" + OWN_PASSWORD_API + ")"));
        }
        try {
            context.setRequest(new ReplayedRequest(request, header));
        } catch (IOException e) {
            throw new AuthenticationException("cannot read the SOAP request", e);
        }
        return context.notifyContainerAboutLogin(check.caller(), check.groups());
    }

    private static AuthenticationStatus soapFault(HttpServletResponse response, boolean soap12,
            SecurityFaults.Fault fault) throws AuthenticationException {
        try {
            SecurityFaults.write(response, soap12, fault);
        } catch (IOException e) {
            throw new AuthenticationException("cannot write the SOAP fault", e);
        }
        return AuthenticationStatus.SEND_FAILURE;
    }

    private static AuthenticationStatus passwordChangeRequired(HttpServletRequest request, HttpServletResponse response)
            throws AuthenticationException {
        return problem(request, response, HttpServletResponse.SC_FORBIDDEN, "password-change-required",
                "Password change required", "an administrator set this account's password: set your own first (PUT "
                        + "/api" + OWN_PASSWORD_API + ", or the sign-in page)", null);
    }

    private static AuthenticationStatus challenge(HttpServletRequest request, HttpServletResponse response,
            String detail) throws AuthenticationException {
        return problem(request, response, HttpServletResponse.SC_UNAUTHORIZED, "unauthorized", "Unauthorized", detail,
                "Basic realm=\"" + REALM + "\", charset=\"UTF-8\"");
    }

    private static AuthenticationStatus problem(HttpServletRequest request, HttpServletResponse response, int status,
            String type, String title, String detail, String challenge) throws AuthenticationException {
        // answered here, the request never reaches the hardening filter
        ResponseHardening.harden(request, response);
        response.setHeader("Content-Security-Policy", ResponseHardening.API_POLICY);
        response.setStatus(status);
        if (challenge != null) {
            response.setHeader("WWW-Authenticate", challenge);
        }
        response.setContentType(ProblemDetails.MEDIA_TYPE);
        response.setCharacterEncoding("UTF-8");
        try {
            response.getWriter().write(new ProblemDetails("urn:custodia:problem:" + type, title, status, detail,
                    request.getRequestURI()).toJson());
        } catch (IOException e) {
            throw new AuthenticationException("cannot write the authentication response", e);
        }
        return AuthenticationStatus.SEND_FAILURE;
    }

    /**
     * To the sign-in page, which returns to the page asked for (a GET) once signed in; {@code displaced} when the
     * browser's session was ended as its account's oldest.
     */
    private static AuthenticationStatus toSignIn(HttpServletRequest request, HttpServletResponse response,
            HttpMessageContext context, boolean displaced) throws AuthenticationException {
        ResponseHardening.harden(request, response);
        boolean ended = request.getAttribute(SESSION_ENDED) != null;
        boolean expired = request.getRequestedSessionId() != null && !request.isRequestedSessionIdValid();
        StringBuilder location = new StringBuilder(request.getContextPath()).append(SIGN_IN_PAGE)
                .append("?reason=").append(ended ? "ended" : displaced ? "displaced" : expired ? "expired"
                        : "required");
        if ("GET".equals(request.getMethod())) {
            String next = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo())
                    + (request.getQueryString() == null ? "" : "?" + request.getQueryString());
            location.append("&next=").append(URLEncoder.encode(next, StandardCharsets.UTF_8));
        }
        if ("partial/ajax".equals(request.getHeader("Faces-Request"))) {
            // an ajax request cannot follow a 302: Faces' partial response tells the page to go there
            response.setContentType("text/xml");
            response.setCharacterEncoding("UTF-8");
            try {
                response.getWriter().write("<?xml version=\"1.0\" encoding=\"UTF-8\"?><partial-response>"
                        + "<redirect url=\"" + location.toString().replace("&", "&amp;") + "\"/></partial-response>");
            } catch (IOException e) {
                throw new AuthenticationException("cannot write the redirect", e);
            }
            return AuthenticationStatus.SEND_CONTINUE;
        }
        return context.redirect(location.toString());
    }

    /** What a request is, from the container's decoded mapping (never the raw URI). */
    enum Channel {
        PAGE, API, NODE_API, SOAP, OTHER;

        /** Where the records contract is served, for SOAP 1.1 and SOAP 1.2. */
        static final Set<String> SOAP_PATHS = Set.of("/RecordsService", "/RecordsService12");

        static Channel of(String servletPath, String pathInfo) {
            String path = (servletPath == null ? "" : servletPath) + (pathInfo == null ? "" : pathInfo);
            if (path.equals("/node-api") || path.startsWith("/node-api/")) {
                return NODE_API;
            }
            if (path.equals("/api") || path.startsWith("/api/")) {
                return API;
            }
            if (SOAP_PATHS.contains(path)) {
                return SOAP;
            }
            if (path.endsWith(".xhtml") || path.equals("/staff") || path.startsWith("/staff/") || path.isEmpty()
                    || path.equals("/")) {
                return PAGE;
            }
            return OTHER;
        }
    }
}
