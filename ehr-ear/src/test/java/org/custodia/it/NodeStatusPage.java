package org.custodia.it;

import java.util.List;

import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The administrators' status page ({@code /staff/status.xhtml}): the node's facts, its dependencies (readiness
 * checks, by name: {@code database}, {@code file-store}, {@code chain-node}) and, on a hospital, the consortium's
 * members with whether each answers (by ledger account).
 */
final class NodeStatusPage {

    static final String PATH = "/custodia/staff/status.xhtml";
    static final By HEADING = By.id("status-heading");
    static final By NODE_NAME = By.id("node-name");
    static final By NODE_ROLE = By.id("node-role");
    static final By DEPENDENCIES = By.id("dependencies-form:dependencies");
    static final By MEMBERS = By.id("members-form:members");
    static final By MEMBER_ACCOUNTS = By.cssSelector("[id='members-form:members_data'] span[data-member]");
    static final By CHECK_AGAIN = By.id("check-again");
    static final By MESSAGES = By.id("messages");

    private final Browser browser;

    NodeStatusPage(Browser browser) {
        this.browser = browser;
        browser.visible(HEADING);
    }

    static NodeStatusPage open(Browser browser) {
        browser.open(PATH);
        return new NodeStatusPage(browser);
    }

    String nodeName() {
        return browser.text(NODE_NAME);
    }

    String nodeRole() {
        return browser.text(NODE_ROLE);
    }

    boolean showsDependencies() {
        return browser.present(DEPENDENCIES);
    }

    /** {@code UP} or {@code DOWN}. */
    String state(String dependency) {
        return browser.visible(dependencyRow(dependency, "//span[@data-state]")).getAttribute("data-state");
    }

    /** Why the dependency is down (empty when it is up). */
    String reason(String dependency) {
        return browser.driver().findElement(dependencyRow(dependency, "//span[@class='reason']")).getText();
    }

    boolean showsMembers() {
        return browser.present(MEMBERS);
    }

    /** The members' ledger accounts, in the chain's order. */
    List<String> memberAccounts() {
        return browser.driver().findElements(MEMBER_ACCOUNTS).stream().map(span -> span.getAttribute("data-member"))
                .toList();
    }

    boolean reachable(String account) {
        return Boolean.parseBoolean(browser.visible(memberRow(account, "//span[@data-reachable]"))
                .getAttribute("data-reachable"));
    }

    /** The reachability cell as staff read it, e.g. {@code answers in 12 ms}. */
    String reachability(String account) {
        return browser.text(memberRow(account, "//span[@data-reachable]"));
    }

    String message() {
        return browser.text(MESSAGES);
    }

    NodeStatusPage checkAgain() {
        WebElement link = browser.visible(CHECK_AGAIN);
        browser.click(CHECK_AGAIN);
        browser.until(ExpectedConditions.stalenessOf(link));
        return new NodeStatusPage(browser);
    }

    private static By dependencyRow(String dependency, String inside) {
        return By.xpath("//tbody[@id='dependencies-form:dependencies_data']/tr[.//*[@data-dependency='" + dependency
                + "']]" + inside);
    }

    private static By memberRow(String account, String inside) {
        return By.xpath("//tbody[@id='members-form:members_data']/tr[.//*[@data-member='" + account + "']]" + inside);
    }
}
