package org.custodia.web.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.servlet.http.HttpSession;

import org.junit.jupiter.api.Test;

/**
 * Sessions per account, with sessions that call the registry back when they end, as the container's session listener
 * does.
 */
class AccountSessionsTest {

    private final AccountSessions sessions = new AccountSessions(3);
    private final List<HttpSession> ended = new ArrayList<>();

    /**
     * One account signing in again and again (a script, a stolen password) took one of the node's sessions each
     * time, until no one else could sign in; the oldest of its sessions now ends instead.
     */
    @Test
    void aSignInBeyondTheBoundEndsTheAccountsOldestSession() {
        List<HttpSession> clerks = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            HttpSession session = session("clerk.one");
            clerks.add(session);
            assertEquals(i >= 3, sessions.atBound("clerk.one", null), "sign-in " + (i + 1) + " ends another");
            sessions.signedIn("clerk.one", session);
        }
        assertEquals(List.of(clerks.get(0), clerks.get(1)), ended, "the two oldest, in order");
        assertEquals(3, sessions.held("clerk.one"));
        assertTrue(sessions.displaced(clerks.get(0).getId()), "its browser is told why");
        assertFalse(sessions.displaced(clerks.get(2).getId()));
        assertFalse(sessions.atBound("clerk.one", clerks.get(4)), "a sign-in replacing one of them ends no other");

        HttpSession other = session("nurse.two");
        sessions.signedIn("nurse.two", other);
        assertEquals(1, sessions.held("nurse.two"), "another account's sessions are its own");
        assertEquals(2, ended.size());
    }

    @Test
    void aSessionThatEndsMakesRoomForItsAccount() {
        HttpSession first = session("clerk.one");
        sessions.signedIn("clerk.one", first);
        sessions.signedIn("clerk.one", session("clerk.one"));
        sessions.signedIn("clerk.one", session("clerk.one"));
        first.invalidate();
        assertEquals(2, sessions.held("clerk.one"));

        sessions.signedIn("clerk.one", session("clerk.one"));
        assertEquals(List.of(first), ended, "no other session ended for the fourth sign-in");
        assertEquals(3, sessions.held("clerk.one"));
    }

    /**
     * A sign-out removes the session's sign-in before it ends the session: a nurse signing in and out on a shared
     * computer eight times ended the session still open on her desk.
     */
    @Test
    void aSignOutEndsTheSessionAfterItsSignInIsRemovedAndItNoLongerCounts() {
        HttpSession desk = session("nurse.two");
        sessions.signedIn("nurse.two", desk);
        for (int i = 0; i < 5; i++) {
            HttpSession shared = session("nurse.two");
            sessions.signedIn("nurse.two", shared);
            shared.removeAttribute(StaffSession.ATTRIBUTE);
            shared.invalidate();
        }
        assertEquals(1, sessions.held("nurse.two"));
        assertFalse(ended.contains(desk), "the session on her desk goes on");
    }

    /** Sessions the container restores after a restart count for their accounts again. */
    @Test
    void aRestoredSessionCountsForItsAccount() {
        List<HttpSession> restored = List.of(session("clerk.one"), session("clerk.one"), session("clerk.one"));
        restored.forEach(sessions::restored);
        sessions.restored(session(null));
        assertEquals(3, sessions.held("clerk.one"));

        sessions.signedIn("clerk.one", session("clerk.one"));
        assertEquals(List.of(restored.get(0)), ended, "the oldest restored one made room");
    }

    @Test
    void aSessionThatEndsWithoutASignInChangesNoAccountsCount() {
        sessions.signedIn("clerk.one", session("clerk.one"));
        sessions.ended(session(null));
        HttpSession neverCounted = session("clerk.one");
        neverCounted.invalidate();
        sessions.ended(neverCounted);
        assertEquals(1, sessions.held("clerk.one"), "neither a session without a sign-in nor one it never counted");
    }

    @Test
    void aBoundBelowOneStopsTheStart() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new AccountSessions(0)).getMessage()
                .startsWith(AccountSessions.MAX_PER_ACCOUNT));
    }

    /** A session signed in as {@code account} (none if null) that tells the registry when it is invalidated. */
    private HttpSession session(String account) {
        Map<String, Object> attributes = new HashMap<>();
        if (account != null) {
            attributes.put(StaffSession.ATTRIBUTE, new StaffSession(account, Set.of("clerk"), "token", Instant.EPOCH,
                    false, null));
        }
        boolean[] invalid = new boolean[1];
        HttpSession[] self = new HttpSession[1];
        self[0] = (HttpSession) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {HttpSession.class},
                (proxy, method, arguments) -> switch (method.getName()) {
                    case "getAttribute" -> {
                        if (invalid[0]) {
                            throw new IllegalStateException("invalidated");
                        }
                        yield attributes.get((String) arguments[0]);
                    }
                    case "getId" -> "session-" + System.identityHashCode(proxy);
                    case "removeAttribute" -> {
                        attributes.remove((String) arguments[0]);
                        yield null;
                    }
                    case "invalidate" -> {
                        if (invalid[0]) {
                            throw new IllegalStateException("invalidated");
                        }
                        sessions.ended(self[0]); // the listener runs before the session is invalid
                        invalid[0] = true;
                        ended.add(self[0]);
                        yield null;
                    }
                    case "equals" -> proxy == arguments[0];
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "toString" -> "session of " + account;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
        return self[0];
    }
}
