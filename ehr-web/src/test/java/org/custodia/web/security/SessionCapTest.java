package org.custodia.web.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.Map;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import jakarta.servlet.http.HttpSessionEvent;

import org.junit.jupiter.api.Test;

/**
 * The bound on sessions: counted as the container starts and ends them, and a page asked for without one refused
 * once the bound is reached, while a request with a session goes on. Requests, responses and sessions are
 * stand-ins (no container runs here).
 */
class SessionCapTest {

    private final OpenSessions sessions = new OpenSessions(2);
    private final SessionCounting counting = withAccounts(inject(new SessionCounting(), SessionCounting.class));
    private final SessionCap cap = inject(new SessionCap(), SessionCap.class);
    private final Map<String, String> headers = new HashMap<>();
    private final ByteArrayOutputStream body = new ByteArrayOutputStream();
    private int status = 200;
    private boolean passedOn;

    @Test
    void aPageWithoutASessionIsServedUntilTheBoundThenRefused() throws Exception {
        filter(false);
        assertTrue(passedOn);

        counting.sessionCreated(event());
        counting.sessionCreated(event());
        filter(false);

        assertFalse(passedOn, "no page rendered, so no session started");
        assertEquals(503, status);
        assertEquals("60", headers.get("Retry-After"));
        assertEquals(ResponseHardening.API_POLICY, headers.get("Content-Security-Policy"));
        assertTrue(body.toString().contains("Try again in a minute"), body.toString());
    }

    @Test
    void aRequestWithASessionIsServedWhenTheNodeIsFull() throws Exception {
        counting.sessionCreated(event());
        counting.sessionCreated(event());

        filter(true);

        assertTrue(passedOn);
        assertTrue(headers.isEmpty(), "nothing of the refusal written: " + headers);
    }

    @Test
    void anEndedSessionMakesRoomAndTheCountNeverGoesBelowZero() throws Exception {
        counting.sessionDestroyed(event());
        counting.sessionDestroyed(event());
        counting.sessionCreated(event());
        counting.sessionCreated(event());
        assertTrue(sessions.full(), "sessions restored at start-up ended without lowering the count below zero");

        counting.sessionDestroyed(event());
        filter(false);

        assertTrue(passedOn);
    }

    @Test
    void aBoundBelowOneIsRefused() {
        assertEquals("custodia.web.max-sessions must be at least 1, not 0",
                assertThrows(IllegalArgumentException.class, () -> new OpenSessions(0)).getMessage());
    }

    private void filter(boolean withSession) throws Exception {
        passedOn = false;
        HttpSession session = stub(HttpSession.class);
        HttpServletRequest request = (HttpServletRequest) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {HttpServletRequest.class}, (proxy, method, arguments) -> {
                    if (method.getName().equals("getSession")) {
                        return withSession ? session : null;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
        HttpServletResponse response = (HttpServletResponse) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {HttpServletResponse.class}, (proxy, method, arguments) -> switch (method.getName()) {
                    case "setStatus" -> {
                        status = (Integer) arguments[0];
                        yield null;
                    }
                    case "setHeader" -> {
                        headers.put((String) arguments[0], (String) arguments[1]);
                        yield null;
                    }
                    case "setContentType", "setContentLength" -> null;
                    case "getOutputStream" -> output();
                    default -> throw new UnsupportedOperationException(method.getName());
                });
        FilterChain chain = (req, resp) -> passedOn = true;
        cap.doFilter(request, response, chain);
    }

    private ServletOutputStream output() {
        return new ServletOutputStream() {
            @Override
            public boolean isReady() {
                return true;
            }

            @Override
            public void setWriteListener(WriteListener listener) {
                throw new UnsupportedOperationException();
            }

            @Override
            public void write(int b) {
                body.write(b);
            }
        };
    }

    /** An event of a session that takes the attribute {@link SessionCounting} keeps in it. */
    private HttpSessionEvent event() {
        return new HttpSessionEvent((HttpSession) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {HttpSession.class}, (proxy, method, arguments) -> {
                    if (method.getName().equals("setAttribute") && SessionCounting.COUNTED.equals(arguments[0])) {
                        return null;
                    }
                    if (method.getName().equals("hashCode")) {
                        return System.identityHashCode(proxy);
                    }
                    if (method.getName().equals("equals")) {
                        return proxy == arguments[0];
                    }
                    throw new UnsupportedOperationException(method.getName());
                }));
    }

    private static <T> T stub(Class<T> type) {
        return type.cast(Proxy.newProxyInstance(SessionCapTest.class.getClassLoader(), new Class<?>[] {type},
                (proxy, method, arguments) -> {
                    throw new UnsupportedOperationException(method.getName());
                }));
    }

    private static SessionCounting withAccounts(SessionCounting counting) {
        try {
            var field = SessionCounting.class.getDeclaredField("accounts");
            field.setAccessible(true);
            field.set(counting, new AccountSessions(8));
            return counting;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    private <T> T inject(T bean, Class<T> type) {
        try {
            var field = type.getDeclaredField("sessions");
            field.setAccessible(true);
            field.set(bean, sessions);
            return bean;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }
}
