package org.custodia.it;

import org.custodia.ledger.testing.AnvilNode;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Starts the integration-test chain node (anvil on the port the test domain is configured with) once for the
 * whole test run and stops it at the end.
 */
public final class LocalChain implements BeforeAllCallback {

    private static final String KEY = LocalChain.class.getName();

    @Override
    public void beforeAll(ExtensionContext context) {
        node(context);
    }

    /** The running node, started on first use. */
    static AnvilNode node(ExtensionContext context) {
        return context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                .getOrComputeIfAbsent(KEY, key -> new RunningNode(AnvilNode.start(TestNode.chainPort(), null)),
                        RunningNode.class).node;
    }

    /** Lets JUnit close the node when the run ends. */
    private record RunningNode(AnvilNode node) implements ExtensionContext.Store.CloseableResource {
        @Override
        public void close() {
            node.close();
        }
    }
}
