package org.custodia.ledger.testing;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One {@link AnvilNode} for all tests of a class: {@code @RegisterExtension static final AnvilExtension ANVIL = new
 * AnvilExtension();} starts it before the first test and stops it after the last.
 */
public class AnvilExtension implements BeforeAllCallback, AfterAllCallback {

    private AnvilNode node;

    @Override
    public void beforeAll(ExtensionContext context) {
        node = AnvilNode.start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        node.close();
    }

    /** The running node; only between the class's first and last test. */
    public AnvilNode node() {
        if (node == null || !node.isRunning()) {
            throw new IllegalStateException("the anvil node runs only while the test class runs");
        }
        return node;
    }
}
