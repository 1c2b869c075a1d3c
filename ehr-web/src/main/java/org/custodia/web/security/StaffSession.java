package org.custodia.web.security;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.HashSet;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;

/**
 * A staff member signed in through the sign-in page, kept in the HTTP session: who, with which roles, and the
 * session's anti-forgery token that scripts of the pages send with API calls ({@value StaffAuthentication#CSRF_HEADER}).
 * Only the pages' sign-in creates one; HTTP Basic never does, so a session cookie alone never opens the API.
 *
 * @param caller                 the staff member's username
 * @param groups                 the staff roles, as the container's groups
 * @param csrfToken              32 random bytes, base64url
 * @param startedAt              when the staff member signed in (a session ends after a maximum age, however active)
 * @param passwordChangeRequired the password was set by an administrator: the session may only change it
 * @param credentialsChangedAt   when the account's password was last set at sign-in (null for never): a session
 *                               whose account's credentials changed since ends
 */
public record StaffSession(String caller, Set<String> groups, String csrfToken, Instant startedAt,
        boolean passwordChangeRequired, Instant credentialsChangedAt) implements Serializable {

    static final String ATTRIBUTE = StaffSession.class.getName();
    private static final SecureRandom RANDOM = new SecureRandom();

    public StaffSession {
        groups = Set.copyOf(groups);
    }

    static StaffSession start(String caller, Set<String> groups, Instant now, Instant credentialsChangedAt) {
        byte[] token = new byte[32];
        RANDOM.nextBytes(token);
        Set<String> roles = new HashSet<>(groups);
        boolean changeRequired = roles.remove(StaffIdentityStore.PASSWORD_CHANGE_REQUIRED);
        return new StaffSession(caller, roles, Base64.getUrlEncoder().withoutPadding().encodeToString(token), now,
                changeRequired, credentialsChangedAt);
    }

    /** The staff member signed in on this request's session, or {@code null}. */
    public static StaffSession of(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        return session == null ? null : (StaffSession) session.getAttribute(ATTRIBUTE);
    }

    /**
     * Keeps this request's session going after its staff member set their own password (which ends every other
     * session of the account), and lifts the restriction to the password page. Only a session of the account whose
     * password changed: an API call signed in otherwise (HTTP Basic) may carry another account's session cookie.
     *
     * @param credentialsChangedAt when the password was set, as the account now records it
     */
    public static void passwordChanged(HttpServletRequest request, Instant credentialsChangedAt) {
        StaffSession staff = of(request);
        if (staff != null && staff.caller.equals(request.getRemoteUser())) {
            replace(request, new StaffSession(staff.caller, staff.groups, staff.csrfToken, staff.startedAt, false,
                    credentialsChangedAt));
        }
    }

    /**
     * Puts {@code updated} in the request's session if it is still open; a session that another request ended (a
     * sign-out in another tab, a disable) stays ended, and no new one is made for it.
     */
    static void replace(HttpServletRequest request, StaffSession updated) {
        HttpSession session = request.getSession(false);
        if (session != null) {
            try {
                session.setAttribute(ATTRIBUTE, updated);
            } catch (IllegalStateException ended) {
                // ended meanwhile: it stays so
            }
        }
    }

    /** The same session with the roles the account holds now. */
    StaffSession withGroups(Set<String> current) {
        return new StaffSession(caller, current, csrfToken, startedAt, passwordChangeRequired, credentialsChangedAt);
    }

    /** Everything but the anti-forgery token, which would let whoever reads it act in the session's name. */
    @Override
    public String toString() {
        return "StaffSession[caller=" + caller + ", groups=" + groups + ", startedAt=" + startedAt
                + ", passwordChangeRequired=" + passwordChangeRequired + ", credentialsChangedAt="
                + credentialsChangedAt + "]";
    }

    /** Whether {@code token} is this session's anti-forgery token (compared in constant time). */
    public boolean matches(String token) {
        return token != null && MessageDigest.isEqual(csrfToken.getBytes(StandardCharsets.US_ASCII),
                token.getBytes(StandardCharsets.US_ASCII));
    }
}
