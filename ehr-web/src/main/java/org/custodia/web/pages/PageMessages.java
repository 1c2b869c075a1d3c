package org.custodia.web.pages;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.ResourceBundle;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.faces.application.FacesMessage;

/**
 * The pages' texts, from the one resource bundle the pages use too ({@code msg} in EL): English, the staff's
 * language.
 */
@ApplicationScoped
public class PageMessages {

    static final String BUNDLE = "org.custodia.web.pages.messages";

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
}
