package org.custodia.web.pages;

import jakarta.faces.component.UIComponent;
import jakarta.faces.component.html.HtmlInputSecret;
import jakarta.faces.event.PhaseEvent;
import jakarta.faces.event.PhaseId;
import jakarta.faces.event.PhaseListener;

/**
 * Forgets what was typed into the secret inputs of a form that failed validation (a password, a national id). Each
 * input that passed keeps its value in its component until the form is sent again, and the view, with it, is kept
 * in the session (server-side state saving) until the session ends or the view is evicted; the page shows none of
 * them again anyway. Registered in faces-config.xml; runs before the view is rendered and saved.
 */
public final class SecretInputsForgotten implements PhaseListener {

    private static final long serialVersionUID = 1L;

    @Override
    public PhaseId getPhaseId() {
        return PhaseId.RENDER_RESPONSE;
    }

    @Override
    public void beforePhase(PhaseEvent event) {
        if (event.getFacesContext().isValidationFailed() && event.getFacesContext().getViewRoot() != null) {
            forget(event.getFacesContext().getViewRoot());
        }
    }

    @Override
    public void afterPhase(PhaseEvent event) {
        // the view is saved during the phase: nothing to do after it
    }

    /** Clears the value and submitted value of every secret input in {@code component}'s tree. */
    static void forget(UIComponent component) {
        if (component instanceof HtmlInputSecret secret) {
            secret.resetValue();
        }
        component.getFacetsAndChildren().forEachRemaining(SecretInputsForgotten::forget);
    }
}
