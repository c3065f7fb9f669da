package dev.palo.services.ui;

import static dev.palo.services.support.ApiFixtures.cancelIfRunning;
import static dev.palo.services.support.ApiFixtures.detail;
import static dev.palo.services.support.ApiFixtures.request;
import static dev.palo.services.support.ApiFixtures.start;
import static dev.palo.services.support.ApiFixtures.uploadEnglish;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.palo.services.auth.Roles;
import dev.palo.services.support.Browser;
import dev.palo.services.support.BrowserSession;
import dev.palo.services.support.EmbeddedStackResource;
import dev.palo.services.support.FakeChatResource;
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
import org.openqa.selenium.chrome.ChromeDriver;

/** The run page's Retry button in Chromium: offered to operators for a canceled run, hidden from viewers. */
@QuarkusTest
@QuarkusTestResource(EmbeddedStackResource.class)
class RunRetryBrowserIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(90);

    @RegisterExtension
    final BrowserSession browser = new BrowserSession();
    @TestHTTPResource("/test-llm/v1")
    URL chatUrl;
    @TestHTTPResource("/")
    URL root;

    @Test
    void anOperatorRetriesACanceledRunFromItsPageAndAViewerSeesNoButton() {
        String id = start(request(chatUrl, uploadEnglish(), List.of("ar"), FakeChatResource.SLOW_MODEL))
                .statusCode(201).extract().path("id");
        given().post("/api/runs/" + id + "/cancel").then().statusCode(202);
        await().atMost(TIMEOUT).until(() -> detail(id).status().equals("CANCELED"));
        ChromeDriver driver = browser.driver();

        Browser.login(driver, root, Tokens.of("vera", Roles.VIEWER));
        driver.get(root + "runs/" + id);
        Browser.waitFor(driver, TIMEOUT, () -> driver.findElement(By.id("run-status")).getText().equals("CANCELED"));
        assertTrue(driver.findElements(By.id("retry")).isEmpty(), "a viewer is offered Retry");

        Browser.login(driver, root, Tokens.of("olga", Roles.OPERATOR));
        driver.get(root + "runs/" + id);
        driver.findElement(By.id("retry")).click();
        driver.switchTo().alert().accept();  // htmx asks first
        Browser.waitFor(driver, TIMEOUT, () -> !driver.getCurrentUrl().endsWith("/runs/" + id)
                && driver.findElement(By.id("retry-of")).getText().equals(id));
        String retryId = driver.getCurrentUrl().substring(driver.getCurrentUrl().lastIndexOf('/') + 1);
        try {
            assertTrue(driver.findElement(By.id("live")).getText().contains("by olga"));
            assertEquals(id, detail(retryId).retry().of());
        } finally {
            cancelIfRunning(retryId);
        }
    }
}
