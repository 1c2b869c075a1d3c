package org.custodia.web.pages;

import java.io.IOException;
import java.time.Instant;
import java.util.Arrays;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;

import org.custodia.kernel.ServiceException;
import org.custodia.staff.StaffDirectory;
import org.custodia.staff.StaffPasswords;
import org.custodia.web.security.StaffSession;

/**
 * Backs the page where signed-in staff change their own password, which the sign-in also sends them to (with
 * {@code ?reason=required}) while a password an administrator set has not been changed yet. On success the session
 * is no longer restricted to this page, and the browser goes to the home page with a message.
 */
@Named
@RequestScoped
public class PasswordChange {

    static final String FORM = "password-change";

    @EJB
    private StaffDirectory directory;

    @Inject
    private PageMessages messages;

    private char[] current;
    private char[] replacement;
    private char[] repeat;
    private String reason;

    public void change() throws IOException {
        FacesContext faces = FacesContext.getCurrentInstance();
        Instant changedAt;
        try {
            if (!Arrays.equals(replacement, repeat)) {
                faces.addMessage(FORM + ":repeat", messages.error("password.mismatch"));
                return;
            }
            changedAt = directory.changeOwnPassword(current, replacement);
        } catch (IllegalArgumentException | ServiceException e) {
            faces.addMessage(null, messages.problem(e));
            return;
        } finally {
            wipe(current);
            wipe(replacement);
            wipe(repeat);
        }
        StaffSession.passwordChanged((HttpServletRequest) faces.getExternalContext().getRequest(), changedAt);
        AfterChange.redirect(messages.info("password.changed"), SignIn.HOME);
    }

    private static void wipe(char[] secret) {
        if (secret != null) {
            Arrays.fill(secret, '\0');
        }
    }

    /** Whether the page was opened because the account must change its password before anything else. */
    public boolean isRequired() {
        return "required".equals(reason);
    }

    public int getMinimumLength() {
        return StaffPasswords.MINIMUM_LENGTH;
    }

    public String getCurrent() {
        return null;
    }

    public void setCurrent(String current) {
        this.current = current == null ? null : current.toCharArray();
    }

    public String getReplacement() {
        return null;
    }

    public void setReplacement(String replacement) {
        this.replacement = replacement == null ? null : replacement.toCharArray();
    }

    public String getRepeat() {
        return null;
    }

    public void setRepeat(String repeat) {
        this.repeat = repeat == null ? null : repeat.toCharArray();
    }

    public String getReason() {
        return reason;
    }

    public void setReason(String reason) {
        this.reason = reason;
    }
}
