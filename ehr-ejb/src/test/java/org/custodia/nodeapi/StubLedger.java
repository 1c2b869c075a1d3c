package org.custodia.nodeapi;

import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import javax.naming.Reference;

import org.custodia.ledger.api.LedgerConnection;
import org.custodia.ledger.api.LedgerConnectionFactory;
import org.custodia.ledger.api.LedgerException;

/**
 * A ledger connector for tests: its connections answer the methods given to {@link #answering} and refuse every
 * other; it counts the connections not yet closed, and can refuse to hand out any.
 */
final class StubLedger implements LedgerConnectionFactory {

    /** What a stubbed connection method answers for its arguments. */
    @FunctionalInterface
    interface Answer {
        Object answer(Object[] arguments) throws Exception;
    }

    private final Map<String, Answer> answers = new HashMap<>();
    private final AtomicInteger open = new AtomicInteger();
    private LedgerException refusal;

    /** Connections answer {@code method} (by name) with {@code answer}. */
    StubLedger answering(String method, Answer answer) {
        answers.put(method, answer);
        return this;
    }

    /** {@link #getConnection()} throws {@code refusal} from now on. */
    StubLedger refusingConnections(LedgerException refusal) {
        this.refusal = refusal;
        return this;
    }

    /** Connections handed out and not closed. */
    int openConnections() {
        return open.get();
    }

    @Override
    public LedgerConnection getConnection() throws LedgerException {
        if (refusal != null) {
            throw refusal;
        }
        open.incrementAndGet();
        return (LedgerConnection) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {LedgerConnection.class}, (proxy, method, arguments) -> {
                    if (method.getName().equals("close")) {
                        open.decrementAndGet();
                        return null;
                    }
                    Answer answer = answers.get(method.getName());
                    if (answer == null) {
                        throw new UnsupportedOperationException(method.getName() + " is not stubbed");
                    }
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
