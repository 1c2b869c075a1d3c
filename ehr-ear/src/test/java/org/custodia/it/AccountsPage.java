package org.custodia.it;

import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The administrators' accounts page ({@code /staff/accounts.xhtml}): the accounts, creating one, and per account
 * disabling, enabling, changing roles and resetting the password. Roles are named as the API names them
 * ({@code physician}, {@code privacy-officer}, ...).
 */
final class AccountsPage {

    static final By HEADING = By.id("accounts-heading");
    static final By USERNAME = By.id("create:username");
    static final By DISPLAY_NAME = By.id("create:display-name");
    static final By PASSWORD = By.id("create:password");
    static final By CREATE_SUBMIT = By.id("create:submit");
    static final By CHANGE_ROLES = By.id("change-roles");
    static final By CHANGE_ROLES_SAVE = By.id("change-roles:save");
    static final By NEW_PASSWORD = By.id("reset:new-password");
    static final By RESET_SAVE = By.id("reset:save");
    static final By MESSAGES = By.id("messages");
    static final By FILTER = By.id("accounts-find:filter");
    static final By FIND = By.id("accounts-find:find");
    private static final String ROW = "//tbody[@id='accounts-form:accounts_data']/tr[.//*[@data-account='%s']]";

    private final Browser browser;

    AccountsPage(Browser browser) {
        this.browser = browser;
        browser.visible(HEADING);
    }

    boolean lists(String username) {
        return browser.present(row(username, ""));
    }

    /** Which of the changes an administrator makes to an account the row of {@code username} offers. */
    List<String> changesOffered(String username) {
        return List.of("edit-roles", "edit-password", "disable").stream()
                .filter(action -> browser.present(button(username, action))).toList();
    }

    /** The roles column of the account's row, e.g. {@code Physician, Privacy officer}. */
    String roles(String username) {
        return browser.text(row(username, "//span[@class='roles']"));
    }

    boolean isActive(String username) {
        return Boolean.parseBoolean(browser.visible(row(username, "//span[@data-active]")).getAttribute("data-active"));
    }

    boolean mustChangePassword(String username) {
        return Boolean.parseBoolean(browser.visible(row(username, "//span[@data-must-change]"))
                .getAttribute("data-must-change"));
    }

    /** Shows only the accounts whose username or display name contains {@code text}. */
    AccountsPage find(String text) {
        browser.type(FILTER, text);
        browser.submit(FIND);
        return this;
    }

    /** Fills in the creation form and submits it; the page stays (with a message, or field messages). */
    AccountsPage fillInAndCreate(String username, String displayName, String password, String... roles) {
        browser.type(USERNAME, username);
        browser.type(DISPLAY_NAME, displayName);
        browser.type(PASSWORD, password);
        choose("create:roles", Set.of(roles));
        browser.submit(CREATE_SUBMIT);
        return this;
    }

    /** Creates the account and returns the page's message. */
    String create(String username, String displayName, String password, String... roles) {
        return fillInAndCreate(username, displayName, password, roles).message();
    }

    String disable(String username) {
        browser.submit(button(username, "disable"));
        return message();
    }

    String enable(String username) {
        browser.submit(button(username, "enable"));
        return message();
    }

    /** Selects the account, gives it exactly {@code roles} and saves; returns the page's message. */
    String changeRoles(String username, String... roles) {
        browser.submit(button(username, "edit-roles"));
        browser.visible(CHANGE_ROLES);
        choose("change-roles:roles", Set.of(roles));
        browser.submit(CHANGE_ROLES_SAVE);
        return message();
    }

    /** Selects the account, sets {@code password} for it and saves; returns the page's message. */
    String resetPassword(String username, String password) {
        browser.submit(button(username, "edit-password"));
        browser.type(NEW_PASSWORD, password);
        browser.submit(RESET_SAVE);
        return message();
    }

    String message() {
        return browser.text(MESSAGES);
    }

    /** Ticks exactly the checkboxes of {@code roles} in the group named {@code name}. */
    private void choose(String name, Set<String> roles) {
        for (WebElement box : browser.driver().findElements(By.name(name))) {
            String value = box.getAttribute("value");
            boolean wanted = roles.stream()
                    .anyMatch(role -> role.toUpperCase(Locale.ROOT).replace('-', '_').equals(value));
            if (box.isSelected() != wanted) {
                box.click();
            }
        }
    }


    private static By button(String username, String action) {
        return row(username, "//input[contains(@id, ':" + action + "')]");
    }

    private static By row(String username, String inside) {
        return By.xpath(ROW.formatted(username) + inside);
    }
}
