package org.custodia.it;

import org.openqa.selenium.By;

/**
 * The administrators' status page ({@code /staff/status.xhtml}): the node's facts, its dependencies (readiness
 * checks, by name: {@code database}, {@code file-store}, {@code chain-node}), what waits in its outbox and, on a
 * hospital, the consortium's members with whether each answers (by ledger account).
 */
final class NodeStatusPage {

    static final String PATH = "/custodia/staff/status.xhtml";
    static final By HEADING = By.id("status-heading");
    static final By NODE_NAME = By.id("node-name");
    static final By DEPENDENCIES = By.id("dependencies-form:dependencies");
    static final By MEMBERS = By.id("members-form:members");
    static final By OUTBOX = By.id("outbox-form:outbox-kinds");

    private final Browser browser;

    NodeStatusPage(Browser browser) {
        this.browser = browser;
        browser.visible(HEADING);
    }

    String nodeName() {
        return browser.text(NODE_NAME);
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

    boolean showsOutbox() {
        return browser.present(OUTBOX);
    }

    boolean showsMembers() {
        return browser.present(MEMBERS);
    }

    boolean reachable(String account) {
        return Boolean.parseBoolean(browser.visible(memberRow(account, "//span[@data-reachable]"))
                .getAttribute("data-reachable"));
    }

    /** The reachability cell as staff read it, e.g. {@code answers in 12 ms}. */
    String reachability(String account) {
        return browser.text(memberRow(account, "//span[@data-reachable]"));
    }

    private static By dependencyRow(String dependency, String inside) {
        return By.xpath("//tbody[@id='dependencies-form:dependencies_data']/tr[.//*[@data-dependency='" + dependency
                + "']]" + inside);
    }

    private static By memberRow(String account, String inside) {
        return By.xpath("//tbody[@id='members-form:members_data']/tr[.//*[@data-member='" + account + "']]" + inside);
    }
}
