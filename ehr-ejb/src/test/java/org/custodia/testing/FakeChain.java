package org.custodia.testing;

import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.naming.Reference;

import org.custodia.ledger.api.LedgerConnection;
import org.custodia.ledger.api.LedgerConnectionFactory;
import org.custodia.ledger.api.LedgerException;

/**
 * A ledger connector for tests, where no container and no chain node run: its connections answer the
 * methods given to {@link #answering} and refuse every other ({@code close} is always allowed, and recorded only
 * when answered). Each answered call is appended, by method name, to the shared {@link #events} list, so a test can
 * check the order of chain calls against other events.
 */
public final class FakeChain implements LedgerConnectionFactory {

    private static final long serialVersionUID = 1L;

    /** What a stubbed connection method answers for its arguments. */
    @FunctionalInterface
    public interface Answer {
        Object answer(Object[] arguments) throws LedgerException;
    }

    private final transient Map<String, Answer> answers = new HashMap<>();
    private final transient List<String> events;

    public FakeChain(List<String> events) {
        this.events = events;
    }

    public FakeChain() {
        this(new CopyOnWriteArrayList<>());
    }

    /** Connections answer {@code method} (by name) with {@code answer}. */
    public FakeChain answering(String method, Answer answer) {
        answers.put(method, answer);
        return this;
    }

    public List<String> events() {
        return events;
    }

    @Override
    public LedgerConnection getConnection() {
        return (LedgerConnection) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {LedgerConnection.class}, (proxy, method, arguments) -> {
                    Answer answer = answers.get(method.getName());
                    if (answer == null && method.getName().equals("close")) {
                        return null;
                    }
                    if (answer == null) {
                        throw new UnsupportedOperationException(method.getName() + " is not stubbed");
                    }
                    events.add(method.getName());
                    return answer.answer(arguments);
                });
    }

    @Override
    public void setReference(Reference reference) {
        // not bound in JNDI
    }

    @Override
    public Reference getReference() {
        return null;
    }
}
