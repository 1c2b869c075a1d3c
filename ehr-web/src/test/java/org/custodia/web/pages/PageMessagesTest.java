package org.custodia.web.pages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.custodia.kernel.DependencyUnavailableException;
import org.custodia.kernel.InvalidInputException;
import org.junit.jupiter.api.Test;

class PageMessagesTest {

    private final PageMessages messages = new PageMessages();

    /**
     * A nurse whose download met an unopenable keystore read its path and the setting to change: words for operators,
     * which staff cannot act on. They now read that a service is unavailable, with a reference into the log.
     */
    @Test
    void anUnavailableDependencyIsNamedToOperatorsOnly() {
        String shown = messages.explanation(new DependencyUnavailableException("the node keystore "
                + "/srv/custodia/secrets/node.p12 does not exist: set custodia.keys.keystore, then restart"));

        assertTrue(shown.startsWith("A service this node depends on is not available now, so nothing was done."),
                shown);
        assertTrue(shown.matches(".*give the node's operators the reference [0-9a-f-]{36}\\.$"), shown);
        assertFalse(shown.contains("node.p12") || shown.contains("custodia.keys"), shown);
    }

    @Test
    void otherRefusalsKeepTheServicesWordsForStaff() {
        assertEquals("the birth date must not be in the future",
                messages.explanation(new InvalidInputException("the birth date must not be in the future")));
    }
}
