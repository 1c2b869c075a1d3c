package org.custodia.web.pages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.junit.jupiter.api.Test;

/**
 * The sign-in form's value: set as a cookie only this host's pages send, written into the form, and required back
 * from it. Requests and responses are stand-ins (no container runs here).
 */
class SignInFormTest {

    private final List<String> setCookies = new ArrayList<>();

    @Test
    void aBrowserWithoutTheCookieGetsANewRandomValueInACookieOnlyThisHostSetsAndNoOtherSitesFormSends() {
        String first = SignInForm.value(request(null, null), response());
        String second = SignInForm.value(request(null, null), response());
        assertEquals(43, first.length(), "32 random bytes, base64url");
        assertNotEquals(first, second);
        assertEquals(SignInForm.COOKIE + "=" + first + "; Path=/; Secure; HttpOnly; SameSite=Lax", setCookies.get(0));
    }

    @Test
    void overPlainHttpTheCookieIsOneABrowserKeepsThere() {
        String value = SignInForm.value(request(false, null, null), response());
        assertEquals(SignInForm.PLAIN_HTTP_COOKIE + "=" + value + "; Path=/; HttpOnly; SameSite=Lax",
                setCookies.get(0));
        assertTrue(SignInForm.sentByThisPage(request(false, value, value)));
        assertFalse(SignInForm.sentByThisPage(request(true, SignInForm.PLAIN_HTTP_COOKIE, value, value)),
                "over HTTPS only the cookie no other host can set counts");
    }

    @Test
    void theCookieABrowserHoldsIsKeptSoThatTwoOpenSignInPagesBothWork() {
        String held = "A".repeat(43);
        assertEquals(held, SignInForm.value(request(held, null), response()));
        assertTrue(setCookies.isEmpty());
        assertNotEquals("too-short", SignInForm.value(request("too-short", null), response()),
                "a value this page does not set is replaced");
        assertEquals(1, setCookies.size());
    }

    @Test
    void onlyAFormThatBringsBackTheCookiesValueIsThisPages() {
        String held = "b".repeat(43);
        assertTrue(SignInForm.sentByThisPage(request(held, held)));
        assertFalse(SignInForm.sentByThisPage(request(held, "c" + held.substring(1))), "another value");
        assertFalse(SignInForm.sentByThisPage(request(null, held)), "no cookie: another site's form");
        assertFalse(SignInForm.sentByThisPage(request(held, null)), "no value in the form");
        assertFalse(SignInForm.sentByThisPage(request("short", "short")), "not a value this page sets");
    }

    private static HttpServletRequest request(String cookie, String field) {
        return request(true, cookie, field);
    }

    private static HttpServletRequest request(boolean secure, String cookie, String field) {
        return request(secure, secure ? SignInForm.COOKIE : SignInForm.PLAIN_HTTP_COOKIE, cookie, field);
    }

    private static HttpServletRequest request(boolean secure, String name, String cookie, String field) {
        Map<String, String> fields = field == null ? Map.of() : Map.of(SignInForm.FIELD, field);
        Cookie[] cookies = cookie == null ? null
                : new Cookie[] {new Cookie("JSESSIONID", "other"), new Cookie(name, cookie)};
        return (HttpServletRequest) Proxy.newProxyInstance(SignInFormTest.class.getClassLoader(),
                new Class<?>[] {HttpServletRequest.class}, (proxy, method, arguments) -> switch (method.getName()) {
                    case "getCookies" -> cookies;
                    case "getParameter" -> fields.get((String) arguments[0]);
                    case "isSecure" -> secure;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    private HttpServletResponse response() {
        return (HttpServletResponse) Proxy.newProxyInstance(SignInFormTest.class.getClassLoader(),
                new Class<?>[] {HttpServletResponse.class}, (proxy, method, arguments) -> {
                    if (method.getName().equals("addHeader") && "Set-Cookie".equals(arguments[0])) {
                        setCookies.add((String) arguments[1]);
                        return null;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }
}
