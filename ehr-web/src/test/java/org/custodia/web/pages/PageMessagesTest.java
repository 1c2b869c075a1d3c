package org.custodia.web.pages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.custodia.filestore.FileStoreBusyException;
import org.custodia.kernel.DependencyUnavailableException;
import org.custodia.kernel.InvalidInputException;
import org.custodia.records.StorageBusyException;
import org.custodia.records.StorageFullException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What staff read of a service's failure. A dependency's failure is explained to operators (paths, settings, URLs),
 * which staff cannot act on: staff read the words it has for them, or that a service is unavailable, and a reference
 * under which the log holds the operators' explanation.
 */
class PageMessagesTest {

    private static final Pattern REFERENCE = Pattern.compile("reference ([0-9a-f-]{36})\\.$");
    private static final Logger LOG = Logger.getLogger(PageMessages.class.getName());

    private final PageMessages messages = new PageMessages();
    private final StringBuilder logged = new StringBuilder();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            logged.append(record.getMessage()).append('\n');
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void captureLog() {
        LOG.addHandler(capture);
    }

    @AfterEach
    void releaseLog() {
        LOG.removeHandler(capture);
    }

    @Test
    void aDependencyFailureWithoutWordsForStaffSaysAServiceIsUnavailableAndLogsTheRestUnderAReference() {
        String shown = messages.explanation(new DependencyUnavailableException("the node keystore "
                + "/srv/custodia/secrets/node.p12 does not exist: set custodia.keys.keystore, then restart"));

        assertTrue(shown.startsWith("A service this node depends on is not available now. Try again later;"),
                shown);
        assertFalse(shown.contains("node.p12") || shown.contains("custodia.keys"), shown);
        assertTrue(logged.toString().contains("(reference " + reference(shown) + "): the node keystore "
                + "/srv/custodia/secrets/node.p12 does not exist"), logged.toString());
    }

    @Test
    void aDependencyFailureWithWordsForStaffShowsThemAndLogsTheOperatorsExplanation() {
        String shown = messages.explanation(new DependencyUnavailableException("the chain node cannot take the grant"
                + " now: chain node http://10.0.0.7:8545 did not answer", "the chain cannot take the grant now:"
                + " nothing was changed; try again later", null));

        assertTrue(shown.startsWith("The chain cannot take the grant now: nothing was changed; try again later. The"
                + " node's operators find the details under the reference "), shown);
        assertFalse(shown.contains("10.0.0.7"), shown);
        assertTrue(logged.toString().contains("(reference " + reference(shown) + "): the chain node cannot take the"
                + " grant now: chain node http://10.0.0.7:8545 did not answer"), logged.toString());
    }

    /** Before, staff read the store's path and the settings to change (the chart's retrieval, the upload page). */
    @Test
    void aFileStoreFullOrBusyIsExplainedToStaffWithoutItsPathOrSettings() {
        String full = messages.explanation(new StorageFullException("the file store /srv/custodia/files has 12 MB "
                + "free, less than custodia.filestore.min-free-mb (64): free space or move the store", null));
        String busy = messages.explanation(new StorageBusyException(new FileStoreBusyException("the file store at "
                + "/srv/custodia/files has 8 envelope writes in progress (custodia.filestore.max-concurrent-writes)",
                Duration.ofSeconds(30))));

        assertTrue(full.startsWith("This hospital's file store cannot take records now: nothing was kept; tell the"
                + " node's operators. The node's operators find the details under the reference "), full);
        assertEquals("This hospital's file store is busy with other records: nothing was kept; try again in 30"
                + " seconds.", busy, "back-pressure: no reference, nothing logged for it");
        assertFalse(full.contains("/srv") || full.contains("custodia.filestore"), full);
        assertTrue(logged.toString().contains("(reference " + reference(full) + "): the file store /srv"),
                logged.toString());
        assertEquals(1, logged.toString().lines().count(), logged.toString());
    }

    @Test
    void otherRefusalsKeepTheServicesWordsForStaff() {
        assertEquals("the birth date must not be in the future",
                messages.explanation(new InvalidInputException("the birth date must not be in the future")));
        assertEquals("", logged.toString(), "nothing for operators");
    }

    /** A purpose read from the chain is labelled when it is one of the list, and shown as written when not. */
    @Test
    void aCodeOutsideTheLabelledListIsShownAsWritten() {
        assertEquals("Continuity of care", messages.textOr("purpose.continuity-of-care", "continuity-of-care"));
        assertEquals("Treatment (ward 3)", messages.textOr("purpose.Treatment (ward 3)", "Treatment (ward 3)"),
                "another member's software may write any purpose of 1-128 characters");
    }

    private static String reference(String shown) {
        Matcher matcher = REFERENCE.matcher(shown);
        assertTrue(matcher.find(), shown);
        return matcher.group(1);
    }
}
