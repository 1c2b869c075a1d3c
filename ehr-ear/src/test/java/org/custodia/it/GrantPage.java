package org.custodia.it;

import java.time.LocalDate;
import java.util.List;

import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/** The grant page ({@code /staff/grant.xhtml?patient=…}): a grant to another hospital, without a request. */
final class GrantPage {

    static final By GRANTEE = By.id("grant:grantee");
    static final By CATEGORY = By.id("grant:category");
    static final By PURPOSE = By.id("grant:purpose");
    static final By UNTIL = By.id("grant:until");
    static final By SUBMIT = By.id("grant:submit");
    static final By MESSAGES = By.id("messages");

    private final Browser browser;

    GrantPage(Browser browser) {
        this.browser = browser;
        browser.visible(SUBMIT);
    }

    /** The hospitals offered as grantee, as the page names them (the first option asks to choose). */
    List<String> grantees() {
        return new Select(browser.visible(GRANTEE)).getOptions().stream().skip(1).map(WebElement::getText)
                .toList();
    }

    /** Grants every record of a category; answered by the page's message when refused, the chart when issued. */
    void grantCategory(String hospital, String categoryLabel, String purposeLabel, LocalDate until) {
        new Select(browser.visible(GRANTEE)).selectByVisibleText(hospital);
        browser.click(By.cssSelector("input[name='grant:scope'][value='category']"));
        if (categoryLabel != null) {
            new Select(browser.visible(CATEGORY)).selectByVisibleText(categoryLabel);
        }
        new Select(browser.visible(PURPOSE)).selectByVisibleText(purposeLabel);
        browser.type(UNTIL, until.toString());
        browser.submit(SUBMIT);
    }

    String message() {
        return browser.text(MESSAGES);
    }
}
