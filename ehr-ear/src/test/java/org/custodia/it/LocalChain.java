package org.custodia.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import org.custodia.ledger.testing.AnvilNode;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Starts the integration-test chain node (anvil on the port the test domain is configured with) once for the
 * whole test run and stops it when the run ends. The chain comes from the state the build prepared
 * ({@code prepare-test-chain.sh}): the access contracts the domain is configured with are deployed there and the
 * node's account is a registered hospital. Each run (the H2 node's, the PostgreSQL node's) starts from a copy of
 * that state: the two nodes sign with the same account, and a node's chain, like its audit heads anchored there,
 * belongs with its own database.
 */
public final class LocalChain implements BeforeAllCallback {

    private static volatile AnvilNode node;

    @Override
    public void beforeAll(ExtensionContext context) {
        context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                .getOrComputeIfAbsent(LocalChain.class.getName(), key -> new RunningNode(), RunningNode.class);
    }

    /** The running node (tests may stop and restart it; it comes back on the same port). */
    static AnvilNode node() {
        if (node == null) {
            throw new IllegalStateException("LocalChain is not active: add @ExtendWith(LocalChain.class)");
        }
        return node;
    }

    /** Owns the node for the run; JUnit closes it at the end. */
    private static final class RunningNode implements ExtensionContext.Store.CloseableResource, AutoCloseable {
        /** The run's copy of the chain state, which anvil saves on stopping; nothing reads it after the run. */
        private final Path state;

        RunningNode() {
            try {
                state = Files.createTempFile("custodia-it-chain-", ".json");
                Files.copy(TestNode.chainState(), state, StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot copy the test chain's state " + TestNode.chainState(), e);
            }
            try {
                node = AnvilNode.start(TestNode.chainPort(), state);
            } catch (RuntimeException e) {
                deleteQuietly(state, e);
                throw e;
            }
        }

        @Override
        public void close() throws IOException {
            try {
                node.close();
            } finally {
                node = null;
                Files.deleteIfExists(state);
            }
        }

        private static void deleteQuietly(Path state, RuntimeException failure) {
            try {
                Files.deleteIfExists(state);
            } catch (IOException e) {
                failure.addSuppressed(e);
            }
        }
    }
}
