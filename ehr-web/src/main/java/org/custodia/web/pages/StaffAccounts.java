package org.custodia.web.pages;

import java.io.Serializable;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import jakarta.ejb.EJB;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import org.custodia.kernel.Given;
import org.custodia.kernel.ServiceException;
import org.custodia.kernel.StaffRole;
import org.custodia.staff.NewStaffMember;
import org.custodia.staff.StaffDetails;
import org.custodia.staff.StaffDirectory;
import org.custodia.staff.StaffPasswords;
import org.custodia.staff.Username;

/**
 * Backs the administrators' accounts page: the node's staff accounts, creating one, and per account disabling or
 * enabling it, changing its roles and setting a new password its owner must change at the next sign-in. Changing
 * roles or a password first selects the account, then shows its own form below the table. Passwords are never kept
 * beyond the request that sends them.
 */
@Named
@ViewScoped
public class StaffAccounts implements Serializable {

    private static final long serialVersionUID = 1L;

    @EJB
    private StaffDirectory directory;

    @Inject
    private Navigation navigation;

    @Inject
    private PageMessages messages;

    private transient List<StaffDetails> accounts = List.of();
    private String username;
    private String displayName;
    private transient char[] password;
    private StaffRole[] roles = {};
    private String selected;
    private boolean editingRoles;
    private boolean editingPassword;
    private StaffRole[] selectedRoles = {};
    private transient char[] newPassword;
    private String filter;

    /** Loads the accounts (the page's view action, and after every change). */
    public void load() {
        try {
            accounts = navigation.allows("STAFF_LIST") ? directory.list() : List.of();
        } catch (ServiceException e) {
            FacesContext.getCurrentInstance().addMessage(null, messages.problem(e.getMessage()));
        }
    }

    public void create() {
        try {
            StaffDetails created = directory.create(
                    Given.read(() -> new NewStaffMember(username, displayName, password, Set.of(roles))));
            FacesContext.getCurrentInstance().addMessage(null, messages.info("accounts.created", created.username()));
            username = null;
            displayName = null;
            roles = new StaffRole[0];
        } catch (ServiceException e) {
            FacesContext.getCurrentInstance().addMessage(null, messages.problem(e.getMessage()));
        } finally {
            password = wipe(password);
        }
        load();
    }

    public void disable(String account) {
        change(() -> directory.disable(Username.given(account)), "accounts.disabled");
    }

    public void enable(String account) {
        change(() -> directory.enable(Username.given(account)), "accounts.enabled");
    }

    /** Selects {@code account} and shows the form with its roles. */
    public void editRoles(StaffDetails account) {
        cancel();
        selected = account.username();
        selectedRoles = account.roles().toArray(StaffRole[]::new);
        editingRoles = true;
    }

    /** Selects {@code account} and shows the form for its new password. */
    public void editPassword(StaffDetails account) {
        cancel();
        selected = account.username();
        editingPassword = true;
    }

    public void saveRoles() {
        if (change(() -> directory.changeRoles(Username.given(selected), Given.read(() -> Set.of(selectedRoles))),
                "accounts.rolesChanged")) {
            cancel();
        }
    }

    public void resetPassword() {
        char[] chosen = newPassword;
        newPassword = null;
        try {
            if (change(() -> directory.resetPassword(Username.given(selected), chosen), "accounts.passwordReset")) {
                cancel();
            }
        } finally {
            wipe(chosen);
        }
    }

    /** Closes the roles or password form without a change. */
    public void cancel() {
        selected = null;
        selectedRoles = new StaffRole[0];
        editingRoles = false;
        editingPassword = false;
        newPassword = wipe(newPassword);
    }

    /** One change to one account: its message on success, the service's explanation otherwise; then reloads. */
    private boolean change(Supplier<StaffDetails> call, String done) {
        FacesContext faces = FacesContext.getCurrentInstance();
        boolean changed = false;
        try {
            StaffDetails account = call.get();
            faces.addMessage(null, messages.info(done, account.username()));
            changed = true;
        } catch (IllegalArgumentException | ServiceException e) {
            faces.addMessage(null, messages.problem(e.getMessage()));
        }
        load();
        return changed;
    }

    private static char[] wipe(char[] secret) {
        if (secret != null) {
            Arrays.fill(secret, '\0');
        }
        return null;
    }

    /** The roles an account may be given, in the enum's order (their texts are in the pages' bundle). */
    public List<StaffRole> getRoleChoices() {
        return List.of(StaffRole.values());
    }

    /** An account's roles as staff read them, e.g. "Physician, Privacy officer". */
    public String roleNames(StaffDetails account) {
        return account.roles().stream().sorted().map(role -> messages.text("staffRole." + role.roleName()))
                .collect(Collectors.joining(", "));
    }

    public int getMinimumPasswordLength() {
        return StaffPasswords.MINIMUM_LENGTH;
    }

    /** The accounts whose username or display name contains the filter (all without one). */
    public List<StaffDetails> getAccounts() {
        List<StaffDetails> all = accounts == null ? List.of() : accounts;
        if (filter == null || filter.isBlank()) {
            return all;
        }
        String wanted = filter.strip().toLowerCase(Locale.ROOT);
        return all.stream().filter(account -> account.username().contains(wanted)
                || account.displayName().toLowerCase(Locale.ROOT).contains(wanted)).toList();
    }

    public String getFilter() {
        return filter;
    }

    public void setFilter(String filter) {
        this.filter = filter;
    }

    public String getUsername() {
        return username;
    }

    public void setUsername(String username) {
        this.username = username;
    }

    public String getDisplayName() {
        return displayName;
    }

    public void setDisplayName(String displayName) {
        this.displayName = displayName;
    }

    public String getPassword() {
        return null;
    }

    public void setPassword(String password) {
        this.password = password == null ? null : password.toCharArray();
    }

    public StaffRole[] getRoles() {
        return roles.clone();
    }

    public void setRoles(StaffRole[] roles) {
        this.roles = roles == null ? new StaffRole[0] : roles.clone();
    }

    /** The account whose roles or password are being changed, if any. */
    public String getSelected() {
        return selected;
    }

    public boolean isEditingRoles() {
        return editingRoles;
    }

    public boolean isEditingPassword() {
        return editingPassword;
    }

    public StaffRole[] getSelectedRoles() {
        return selectedRoles.clone();
    }

    public void setSelectedRoles(StaffRole[] selectedRoles) {
        this.selectedRoles = selectedRoles == null ? new StaffRole[0] : selectedRoles.clone();
    }

    public String getNewPassword() {
        return null;
    }

    public void setNewPassword(String newPassword) {
        this.newPassword = newPassword == null ? null : newPassword.toCharArray();
    }
}
