package org.custodia.web.pages;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.ResourceBundle;
import java.util.UUID;
import java.util.logging.Logger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.faces.application.FacesMessage;
import jakarta.inject.Named;

import org.custodia.kernel.BusyException;
import org.custodia.kernel.ForOperators;

/**
 * The pages' texts, from the one resource bundle the pages use too ({@code msg} in EL): English, the staff's
 * language. Named for the pages that show a code read from the chain, which another member's software may have
 * written outside the list the bundle labels ({@link #textOr}).
 */
@ApplicationScoped
@Named
public class PageMessages {

    static final String BUNDLE = "org.custodia.web.pages.messages";
    private static final Logger LOG = Logger.getLogger(PageMessages.class.getName());

    private final ResourceBundle bundle = ResourceBundle.getBundle(BUNDLE, Locale.ENGLISH);

    /** The text under {@code key}, with {@code arguments} filled in. */
    public String text(String key, Object... arguments) {
        return new MessageFormat(bundle.getString(key), Locale.ENGLISH).format(arguments);
    }

    /** The text under {@code key}, or {@code fallback} when the bundle has none. */
    public String textOr(String key, String fallback) {
        return bundle.containsKey(key) ? bundle.getString(key) : fallback;
    }

    public FacesMessage error(String key, Object... arguments) {
        String text = text(key, arguments);
        return new FacesMessage(FacesMessage.SEVERITY_ERROR, text, text);
    }

    public FacesMessage info(String key, Object... arguments) {
        String text = text(key, arguments);
        return new FacesMessage(FacesMessage.SEVERITY_INFO, text, text);
    }

    /** A message carrying a service's own explanation (already written for staff). */
    public FacesMessage problem(String explanation) {
        return new FacesMessage(FacesMessage.SEVERITY_ERROR, explanation, explanation);
    }

    /** A service's refusal or failure, or a refused input, as staff read it ({@link #explanation}). */
    public FacesMessage problem(RuntimeException e) {
        return problem(explanation(e));
    }

    /**
     * What staff read of a service's refusal or failure: its own explanation, written for them. A failure explained
     * to operators ({@link ForOperators}: a dependency the node cannot reach, a file store full or busy), whose words
     * (paths, settings, URLs) staff cannot act on, shows what it has for staff, or else that a service is
     * unavailable, with a reference under which the log holds the operators' explanation. The administrators' pages
     * (status, proxy, accounts), which show the node's dependencies with their operators' words anyway, show a
     * service's own words.
     */
    public String explanation(RuntimeException e) {
        if (!(e instanceof ForOperators forOperators)) {
            return e.getMessage();
        }
        if (e instanceof BusyException) {
            // back-pressure, not a fault: staff try again later, and there is nothing for the operators to look up
            return forOperators.forStaff().map(words -> text("problem.busy", capitalised(words)))
                    .orElseGet(() -> text("problem.unavailable", logged(e.getMessage())));
        }
        String reference = logged(e.getMessage());
        return forOperators.forStaff()
                .map(words -> text("problem.unavailableExplained", capitalised(words), reference))
                .orElseGet(() -> text("problem.unavailable", reference));
    }

    /** Logs an explanation meant for operators under a new reference, and returns the reference to show staff. */
    public String logged(String forOperators) {
        String reference = UUID.randomUUID().toString();
        LOG.warning(() -> "A staff page met an unavailable dependency (reference " + reference + "): " + forOperators);
        return reference;
    }

    private static String capitalised(String words) {
        return words.isEmpty() ? words : words.substring(0, 1).toUpperCase(Locale.ENGLISH) + words.substring(1);
    }
}
