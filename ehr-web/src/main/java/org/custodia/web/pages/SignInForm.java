package org.custodia.web.pages;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Pattern;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * What tells the sign-in page's own form from a form another site posts to it ("login CSRF": signing a staff member's
 * browser in as someone else), without a session: the page holds no state until a sign-in succeeds, so that pages
 * asked for by anyone cannot fill the node's sessions. The page sets a random value in a cookie that other sites'
 * forms do not send ({@code SameSite}) and that over HTTPS only this host can set ({@code __Host-} prefix), and writes
 * the same value into its form: a sign-in is tried only when the form brings the cookie's value back. (A form that
 * the browser says another site or another origin of this site posted, such as another node on the same host, which
 * could set the cookie, reaches no page: {@code StaffAuthentication} refuses it first.)
 */
final class SignInForm {

    /** The cookie's name over HTTPS: set by this host alone, for every path, {@code Secure}. */
    static final String COOKIE = "__Host-custodia-sign-in";
    /** Its name over plain HTTP, where a browser keeps no {@code Secure} cookie (a node behind TLS it terminates). */
    static final String PLAIN_HTTP_COOKIE = "custodia-sign-in";
    /** The form field that carries the value back (the page's hidden input). */
    static final String FIELD = "sign-in-token";

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Pattern VALUE = Pattern.compile("[A-Za-z0-9_-]{43}");

    private SignInForm() {
    }

    /**
     * The value the page's form carries: the browser's cookie's, when it holds one (a sign-in page open in another
     * tab keeps working), else a new one, set as the cookie in {@code response}.
     */
    static String value(HttpServletRequest request, HttpServletResponse response) {
        String held = held(request);
        if (held != null) {
            return held;
        }
        byte[] random = new byte[32];
        RANDOM.nextBytes(random);
        String value = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        response.addHeader("Set-Cookie", cookieName(request) + "=" + value + "; Path=/"
                + (request.isSecure() ? "; Secure" : "") + "; HttpOnly; SameSite=Lax");
        return value;
    }

    /** Whether {@code request}'s form brings back the value of the cookie it sends. */
    static boolean sentByThisPage(HttpServletRequest request) {
        String held = held(request);
        String posted = request.getParameter(FIELD);
        return held != null && posted != null && MessageDigest.isEqual(held.getBytes(StandardCharsets.US_ASCII),
                posted.getBytes(StandardCharsets.US_ASCII));
    }

    private static String cookieName(HttpServletRequest request) {
        return request.isSecure() ? COOKIE : PLAIN_HTTP_COOKIE;
    }

    private static String held(HttpServletRequest request) {
        Cookie[] cookies = request.getCookies();
        if (cookies == null) {
            return null;
        }
        String name = cookieName(request);
        for (Cookie cookie : cookies) {
            if (name.equals(cookie.getName()) && cookie.getValue() != null
                    && VALUE.matcher(cookie.getValue()).matches()) {
                return cookie.getValue();
            }
        }
        return null;
    }
}
