package dev.palo.services.ui;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.palo.services.auth.Roles;
import dev.palo.services.support.ApiFixtures;
import dev.palo.services.support.Browser;
import dev.palo.services.support.BrowserSession;
import dev.palo.services.support.EmbeddedStackResource;
import dev.palo.services.support.Tokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The studies pages in real headless Chromium against the real stack, on the tiny study {@code StudyApiIT} runs (the
 * tiny demo's recipe, Arabic, 2 fine-tune seeds × 1 data seed): a viewer finds it from the navigation, its page follows
 * the runs to COMPLETED without a reload, then shows the report (every metric's table with mean ± sd and PALO −
 * baseline with its interval, the interval explained in words, the scorer named) and links each run to its page. An
 * operator gets the start form, which answers a bad seed with the API's message and starts nothing, and a Cancel
 * button on a running study's page, which a viewer does not get. Both pages are photographed for docs/dashboard.md.
 */
@QuarkusTest
@QuarkusTestResource(EmbeddedStackResource.class)
class StudyBrowserIT {
    /** As StudyApiIT's: two tiny runs with training on a loaded two-core machine, when this test runs first. */
    private static final Duration STUDY_TIMEOUT = Duration.ofMinutes(50);
    private static final Duration PAGE_TIMEOUT = Duration.ofSeconds(60);
    /** The page's difference cells: {@code +25.0 [+18.3, +31.7]}. */
    private static final String DELTA = "[+-]\\d+\\.\\d \\[[+-]\\d+\\.\\d, [+-]\\d+\\.\\d\\]";
    private static final String MARKER = "return window.paloTestMarker === 'same page';";

    @TestHTTPResource("/")
    URL root;

    @RegisterExtension
    final BrowserSession session = new BrowserSession();

    @Test
    void aViewerFollowsATinyStudyToItsReportAndAnOperatorGetsTheStartForm() {
        // StudyApiIT's study, recipe and seeds: whichever of the two runs second finds every stage in the stage cache
        String id = ApiFixtures.startTinyStudy(List.of(42L, 43L), 2_000);
        ChromeDriver browser = session.driver();
        Browser.login(browser, root, Tokens.of("vera", Roles.VIEWER));
        try {
            // from the navigation to the list: the study with its recipe and seeds; a viewer gets no start form
            browser.get(root + "");
            browser.findElement(By.cssSelector("header nav a[href='/studies']")).click();
            Browser.waitFor(browser, PAGE_TIMEOUT, () -> browser.getCurrentUrl().endsWith("/studies"));
            // the list reads Temporal's visibility store, which may take a moment to list a new workflow
            Browser.waitFor(browser, PAGE_TIMEOUT, () -> {
                if (browser.findElements(By.cssSelector("#studies tr[data-study='" + id + "']")).isEmpty()) {
                    browser.navigate().refresh();
                    return false;
                }
                return true;
            });
            WebElement row = browser.findElement(By.cssSelector("#studies tr[data-study='" + id + "']"));
            assertEquals("mini:tiny", row.findElement(By.className("data")).getText().trim());
            assertEquals("ar", row.findElement(By.className("languages")).getText().trim());
            assertTrue(row.findElement(By.className("seeds")).getText().startsWith("fine-tune 42, 43 × data 11"),
                    row.getText());
            assertTrue(browser.findElements(By.id("study-form")).isEmpty(), "a viewer was offered the start form");

            // the study's page follows its runs live, without a reload, to the end
            row.findElement(By.cssSelector("a[href='/studies/" + id + "']")).click();
            Browser.waitFor(browser, PAGE_TIMEOUT, () -> !browser.findElements(By.id("study-runs")).isEmpty());
            browser.executeScript("window.paloTestMarker = 'same page';");
            Browser.waitFor(browser, PAGE_TIMEOUT, () -> browser.findElements(By.cssSelector("#study-runs tr[data-run]"))
                    .size() == 2);
            assertTrue(browser.findElements(By.id("study-cancel")).isEmpty(), "a viewer was offered Cancel study");
            Browser.waitFor(browser, STUDY_TIMEOUT, () -> !browser.findElement(By.id("study-status")).getText()
                    .equals("RUNNING"));
            assertEquals("COMPLETED", browser.findElement(By.id("study-status")).getText());
            assertTrue((Boolean) browser.executeScript(MARKER), "the study page reloaded");
            assertEquals("2 of 2 runs completed", browser.findElement(By.id("study-progress")).getText());

            // the report: a table per metric, the primary scorer's as Table 1, each difference with its interval
            Browser.waitFor(browser, PAGE_TIMEOUT, () -> !browser.findElements(By.id("report")).isEmpty());
            List<WebElement> tables = browser.findElements(By.cssSelector("#report table.study-table"));
            assertEquals(List.of("content", "reference", "in_language"), tables.stream()
                    .map(t -> t.getAttribute("data-metric")).toList());
            assertTrue(browser.findElement(By.id("table-content")).getText().startsWith("Table 1 · Content score"));
            for (WebElement table : tables) {
                assertEquals(List.of("", "en", "ar", "Avg.H", "Avg.L", "Avg."), table.findElements(
                        By.cssSelector("thead th")).stream().map(WebElement::getText).toList());
                assertEquals(List.of("baseline", "PALO", "PALO − baseline"), table.findElements(
                        By.cssSelector("tbody th")).stream().map(WebElement::getText).toList());
                assertTrue(table.findElement(By.cssSelector("tr.baseline td")).getText()
                        .matches("\\d+\\.\\d ± \\d+\\.\\d"), "two runs have an sd: " + table.getText());
                for (WebElement cell : table.findElements(By.cssSelector("tr.delta td"))) {
                    assertTrue(cell.getText().matches(DELTA), cell.getText());
                    assertTrue(List.of("higher", "lower", "unclear").contains(cell.getAttribute("class")),
                            cell.getAttribute("class"));
                }
            }
            String interval = browser.findElement(By.id("interval-meaning")).getText();
            assertTrue(interval.contains("95 % confidence interval") && interval.contains("2,000 times"), interval);
            Browser.screenshot(browser, "study");

            // each run links to its own page
            String firstRun = id + "-ft42-data" + ApiFixtures.TINY_STUDY_DATA_SEED;
            browser.findElement(By.cssSelector("#study-runs tr[data-run='" + firstRun + "'] a")).click();
            Browser.waitFor(browser, PAGE_TIMEOUT, () -> browser.getCurrentUrl().endsWith("/runs/" + firstRun));
            assertEquals("COMPLETED", browser.findElement(By.id("run-status")).getText());

            // the list links the completed study's report
            browser.get(root + "studies");
            WebElement done = browser.findElement(By.cssSelector("#studies tr[data-study='" + id + "']"));
            assertEquals("COMPLETED", done.findElement(By.className("status")).getText());
            assertFalse(done.findElements(By.className("report-link")).isEmpty());
            Browser.screenshot(browser, "studies");

            // an operator gets the start form; a bad seed answers with the API's message and starts nothing
            Browser.login(browser, root, Tokens.of("olga", Roles.OPERATOR));
            browser.get(root + "studies");
            int listed = browser.findElements(By.cssSelector("#studies tr[data-study]")).size();
            browser.findElement(By.name("dataSeeds")).sendKeys("7, eight");
            browser.findElement(By.cssSelector("#study-form button[type='submit']")).click();
            Browser.waitFor(browser, PAGE_TIMEOUT, () -> browser.findElement(By.id("study-answer")).getText()
                    .contains("data seeds must be whole numbers"));
            browser.get(root + "studies");
            assertEquals(listed, browser.findElements(By.cssSelector("#studies tr[data-study]")).size());
        } finally {
            // its runs would otherwise train on until the test JVM ends (409 once it has ended)
            given().post("/api/studies/" + id + "/cancel");
        }
    }

    @Test
    void anOperatorCancelsARunningStudyFromItsPage() {
        // the first run computes its fine-tunes, so the study is still running when the button is clicked
        long seed = ApiFixtures.unusedFinetuneSeed();
        String id = ApiFixtures.startTinyStudy(List.of(seed), 200);
        try {
            ChromeDriver browser = session.driver();
            Browser.login(browser, root, Tokens.of("olga", Roles.OPERATOR));
            browser.get(root + "studies/" + id);
            Browser.screenshot(browser, "study-running");
            browser.findElement(By.id("study-cancel")).click();
            browser.switchTo().alert().accept();  // htmx asks first
            Browser.waitFor(browser, PAGE_TIMEOUT, () -> browser.findElement(By.id("study-cancel-answer")).getText()
                    .contains("cancellation requested for " + id));
            // the live part follows the study and its run to CANCELED, and drops the button
            Browser.waitFor(browser, ApiFixtures.STUDY_CANCEL_TIMEOUT, () -> browser.findElement(By.id("study-status"))
                    .getText().equals("CANCELED"));
            String run = id + "-ft" + seed + "-data" + ApiFixtures.TINY_STUDY_DATA_SEED;
            Browser.waitFor(browser, PAGE_TIMEOUT, () -> "CANCELED".equals(browser.findElement(
                    By.cssSelector("#study-runs tr[data-run='" + run + "']")).getAttribute("data-state")));
            assertTrue(browser.findElements(By.id("study-cancel")).isEmpty(), "Cancel study offered after the end");
        } finally {
            given().post("/api/studies/" + id + "/cancel");
        }
    }
}
