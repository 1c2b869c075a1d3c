package org.custodia.web.pages;

import java.io.IOException;

import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;

/**
 * Post-redirect-get after a change made from a page: the page the change leads to is opened by its address, with the
 * change's message kept for it. Reloading it then reads it again instead of sending the change a second time, and its
 * address keeps what names its subject (a chart's patient id, which a postback's address leaves out).
 */
final class AfterChange {

    private AfterChange() {
    }

    /** Redirects to {@code page} (context-relative, with its query) with {@code done} shown there. */
    static void redirect(FacesMessage done, String page) throws IOException {
        FacesContext faces = FacesContext.getCurrentInstance();
        ExternalContext external = faces.getExternalContext();
        external.getFlash().setKeepMessages(true);
        faces.addMessage(null, done);
        external.redirect(external.getRequestContextPath() + page);
    }
}
