package dev.palo.services.ui;

import static dev.palo.services.support.ApiFixtures.cancelIfRunning;
import static dev.palo.services.support.ApiFixtures.detail;
import static dev.palo.services.support.ApiFixtures.start;
import static org.awaitility.Awaitility.await;
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
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * A finished tiny run with training in real headless Chromium: the runs list shows its averages, the run page its
 * loss curves and timeline, the results page its Table 1, the translator's chrF before and after tuning and the
 * answer browser (bench image, question per language, both arms' and the gold answer), and the datasets page the
 * PALO-mini source with its validation report. Each page is photographed for docs/dashboard.md.
 */
@QuarkusTest
@QuarkusTestResource(EmbeddedStackResource.class)
class ResultsBrowserIT {
    /** The tiny demo trains on two cores in a few minutes; a loaded machine takes longer. */
    private static final Duration RUN_TIMEOUT = Duration.ofMinutes(40);
    private static final Duration PAGE_TIMEOUT = Duration.ofSeconds(60);

    @TestHTTPResource("/")
    URL root;

    @RegisterExtension
    final BrowserSession session = new BrowserSession();

    @Test
    void aFinishedTinyRunWithTrainingShowsTable1ChrfAndItsAnswers() {
        String id = start(tinyRunWithTraining()).statusCode(201).extract().path("id");
        ChromeDriver browser = session.driver();
        Browser.login(browser, root, Tokens.of("olga", Roles.OPERATOR));
        try {
            await().atMost(RUN_TIMEOUT).pollInterval(Duration.ofSeconds(5))
                    .until(() -> !detail(id).status().equals("RUNNING"));
            assertEquals("COMPLETED", detail(id).status(), detail(id).toString());

            // the runs list: languages, data, trigger and the report's averages; filtered by language
            browser.get(root + "?language=ar");
            WebElement row = browser.findElement(By.cssSelector("tr[data-run='" + id + "']"));
            assertEquals("ar", row.findElement(By.className("languages")).getText().trim());
            assertEquals("mini:tiny", row.findElement(By.className("data")).getText().trim());
            assertEquals("API", row.findElement(By.className("trigger")).getText().trim());
            assertTrue(row.findElement(By.className("avg-l")).getText().matches("\\d+\\.\\d \\([+-]\\d+\\.\\d\\)"),
                    row.getText());
            Browser.screenshot(browser, "runs");

            // the run page: loss and learning-rate curves of the fine-tunes, every stage on the timeline
            browser.get(root + "runs/" + id);
            for (String arm : List.of("baseline", "palo")) {
                WebElement finetune = browser.findElement(By.cssSelector("#run-stages tr[data-stage='finetune "
                        + arm + "']"));
                assertFalse(finetune.findElement(By.cssSelector("svg.curves polyline.loss")).getAttribute("points")
                        .isBlank(), "no loss curve for " + arm);
            }
            assertFalse(browser.findElements(By.cssSelector("#timeline rect.completed[data-stage='finetune']"))
                    .isEmpty());
            assertFalse(browser.findElements(By.cssSelector("#quarantine-table tr[data-validation]")).isEmpty());
            // a language that went on below its QA floor (qa.onLowYield WARN) says so on the page, as in the API
            List<String> warnings = detail(id).languages().get(0).warnings();
            String page = browser.findElement(By.id("matrix")).getText();
            warnings.forEach(warning -> assertTrue(page.contains("warning: " + warning), page));
            Browser.screenshot(browser, "run-training");

            // the results page: Table 1, chrF before and after tuning, the answer browser
            browser.get(root + "runs/" + id + "/results");
            List<String> labels = browser.findElements(By.cssSelector("#table1 tbody th")).stream()
                    .map(WebElement::getText).toList();
            assertEquals(List.of("baseline", "palo", "palo − baseline"), labels);
            String heading = browser.findElement(By.id("table1-title")).getText();
            assertTrue(heading.startsWith("Table 1: relative score") && heading.contains("content scorer")
                    && !heading.contains("Table 1 · "), heading);
            assertFalse(browser.findElements(By.cssSelector("#table1-chart rect.palo")).isEmpty());
            WebElement chrf = browser.findElement(By.cssSelector("#chrf tr[data-language='ar']"));
            assertTrue(chrf.getText().matches("(?s).*\\d+\\.\\d.*"), chrf.getText());
            assertTrue(browser.findElements(By.cssSelector("#chrf thead th")).stream()
                    .anyMatch(th -> th.getText().equals("retranslate")), "no chrF after tuning");
            Browser.waitFor(browser, PAGE_TIMEOUT, () -> (Boolean) browser.executeScript(
                    "const i = document.getElementById('bench-image'); return i.complete && i.naturalWidth > 0;"));
            List<WebElement> lines = browser.findElements(By.cssSelector("#answers-table tbody tr"));
            assertEquals(List.of("en", "ar"), lines.stream().map(l -> l.getAttribute("data-language")).toList());
            WebElement arabic = lines.get(1);
            assertEquals("rtl", arabic.getAttribute("dir"));
            for (String column : List.of("baseline", "palo", "gold")) {
                assertFalse(arabic.findElement(By.className(column)).getText().isBlank(), column);
            }
            Browser.screenshot(browser, "results");
            browser.findElement(By.id("answer-next")).click();
            Browser.waitFor(browser, PAGE_TIMEOUT,
                    () -> browser.findElement(By.id("answer-index")).getText().equals("2"));

            // the datasets page: the PALO-mini source with its validation report
            browser.get(root + "datasets");
            assertFalse(browser.findElements(By.cssSelector("#datasets tr[data-validation]")).isEmpty());
            assertTrue(browser.findElement(By.id("datasets")).getText().contains("palo-mini"));
            Browser.screenshot(browser, "datasets");
        } finally {
            cancelIfRunning(id);
        }
    }

    /** The tiny run with training, with a dataset seed of its own (so both arms are fine-tuned: curves to show). */
    private static Map<String, Object> tinyRunWithTraining() {
        Map<String, Object> body = ApiFixtures.tinyRunWithTraining();
        body.put("dataset", Map.of("seed", new java.util.Random().nextInt(1_000_000), "shardSize", 50_000));
        return body;
    }

}
