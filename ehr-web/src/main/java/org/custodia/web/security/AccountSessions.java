package org.custodia.web.security;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpSession;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The page sessions of each staff account, at most {@code custodia.web.max-sessions-per-account} of them: a sign-in
 * beyond that ends the account's oldest session. Without it one account (a script, a stolen password) could take
 * every session the node holds ({@link OpenSessions}) and keep every other staff member from signing in: sign-ins
 * with the right password are not throttled. A bound below 1 stops the application's start.
 */
@ApplicationScoped
public class AccountSessions {

    static final String MAX_PER_ACCOUNT = "custodia.web.max-sessions-per-account";
    private static final int DISPLACED_REMEMBERED = 4096;
    private static final Logger LOG = Logger.getLogger(AccountSessions.class.getName());

    /** Each account's sessions, oldest first. */
    private final Map<String, Deque<HttpSession>> byAccount = new ConcurrentHashMap<>();
    /**
     * The account each session counts for: a sign-out removes the session's sign-in before it ends the session, so
     * its end is matched by the session, not by what it still holds.
     */
    private final Map<HttpSession, String> accountOf = new ConcurrentHashMap<>();
    /** The ids of the sessions most recently ended here, so that their browsers are told why. */
    private final Set<String> displaced = Collections.newSetFromMap(Collections.synchronizedMap(
            new LinkedHashMap<>() {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                    return size() > DISPLACED_REMEMBERED;
                }
            }));
    private int max;

    protected AccountSessions() {
        // for CDI proxies
    }

    @Inject
    public AccountSessions(@ConfigProperty(name = MAX_PER_ACCOUNT, defaultValue = "8") int max) {
        if (max < 1) {
            throw new IllegalArgumentException(MAX_PER_ACCOUNT + " must be at least 1, not " + max);
        }
        this.max = max;
    }

    void readAtStartup(@Observes @Initialized(ApplicationScoped.class) Object applicationStarted) {
        // observing the start event creates this bean, and so checks its bound, as the application starts
    }

    /** {@code account} signed in with {@code session}; ends its oldest sessions beyond the bound. */
    void signedIn(String account, HttpSession session) {
        accountOf.put(session, account);
        List<HttpSession> beyond = new ArrayList<>();
        byAccount.compute(account, (name, sessions) -> {
            Deque<HttpSession> open = sessions == null ? new ArrayDeque<>() : sessions;
            open.remove(session);
            open.addLast(session);
            while (open.size() > max) {
                beyond.add(open.removeFirst());
            }
            return open;
        });
        // ended outside the map's lock: ending one calls ended() back through the session listener
        for (HttpSession oldest : beyond) {
            try {
                displaced.add(oldest.getId());
                oldest.invalidate();
            } catch (IllegalStateException endedMeanwhile) {
                // it ended on its own in between
            }
        }
        if (!beyond.isEmpty()) {
            LOG.warning(() -> "Account " + account + " signed in with " + max + " page sessions open ("
                    + MAX_PER_ACCOUNT + "): its oldest session was ended (a sign-in from yet another browser, "
                    + "or a script)");
        }
    }

    /**
     * A session the container restored (after a restart, when it keeps sessions across one): it counts for the
     * account signed in with it, as it did before.
     */
    void restored(HttpSession session) {
        Object signedIn;
        try {
            signedIn = session.getAttribute(StaffSession.ATTRIBUTE);
        } catch (IllegalStateException alreadyInvalid) {
            return;
        }
        if (signedIn instanceof StaffSession staff) {
            signedIn(staff.caller(), session);
        }
    }

    /** A session ended (signed out, timed out, or ended here): it no longer counts for its account. */
    void ended(HttpSession session) {
        String account = accountOf.remove(session);
        if (account != null) {
            byAccount.computeIfPresent(account, (name, sessions) -> {
                sessions.remove(session);
                return sessions.isEmpty() ? null : sessions;
            });
        }
    }

    /**
     * Whether a sign-in of {@code account} from {@code current} (the browser's session, if any, which the sign-in
     * replaces) ends another of its sessions: for the sign-in's audit entry, read before the sign-in (a session may
     * time out or sign out in between, so it is a close guess, not a count).
     */
    boolean atBound(String account, HttpSession current) {
        boolean[] atBound = new boolean[1];
        // read under the map's lock, as the sessions are changed
        byAccount.computeIfPresent(account, (name, sessions) -> {
            atBound[0] = sessions.size() - (current != null && sessions.contains(current) ? 1 : 0) >= max;
            return sessions;
        });
        return atBound[0];
    }

    /** Whether the session a browser brings was ended here as its account's oldest (not timed out). */
    boolean displaced(String sessionId) {
        return sessionId != null && displaced.contains(sessionId);
    }

    int max() {
        return max;
    }

    /** How many sessions {@code account} holds (for tests). */
    int held(String account) {
        Deque<HttpSession> sessions = byAccount.get(account);
        return sessions == null ? 0 : sessions.size();
    }
}
