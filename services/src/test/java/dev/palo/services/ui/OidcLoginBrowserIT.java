package dev.palo.services.ui;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.palo.services.support.Browser;
import dev.palo.services.support.BrowserSession;
import dev.palo.services.support.EmbeddedStackResource;
import dev.palo.services.support.OidcProviderResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import java.time.Duration;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The dashboard configured for an organisation's OIDC provider (a real one, started by the test): a person signs in
 * at the provider in Chromium, comes back signed in with the role the provider's {@code groups} claim gives, and the
 * provider's token in the session cookie is a bearer token the API accepts too. The token paste stays on the page.
 */
@QuarkusTest
@QuarkusTestResource(EmbeddedStackResource.class)
@QuarkusTestResource(value = OidcProviderResource.class, restrictToAnnotatedClass = true)
class OidcLoginBrowserIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @RegisterExtension
    final BrowserSession browser = new BrowserSession();
    @TestHTTPResource("/")
    URL root;

    @Test
    void anOperatorSignsInAtTheProviderAndTheDashboardAndApiAcceptItsToken() {
        ChromeDriver driver = browser.driver();
        driver.get(root + "login");
        assertTrue(driver.findElement(By.id("token")).isDisplayed(), "the token paste is still offered");
        assertEquals("Sign in with " + OidcProviderResource.PROVIDER_NAME,
                driver.findElement(By.id("oidc-login")).getText());

        driver.findElement(By.id("oidc-login")).click();
        // the provider's own sign-in page: any subject, with the claims its directory would give
        Browser.waitFor(driver, TIMEOUT, () -> driver.findElement(By.name("username")).isDisplayed());
        assertTrue(driver.getCurrentUrl().contains("code_challenge_method=S256"), driver.getCurrentUrl());
        driver.findElement(By.name("username")).sendKeys("olivia");
        driver.findElement(By.name("claims")).sendKeys("{\"groups\": [\"operator\"]}");
        driver.findElement(By.cssSelector("input[type=submit]")).click();

        Browser.waitFor(driver, TIMEOUT, () -> driver.findElement(By.id("who")).getText().equals("olivia"));
        assertTrue(driver.findElement(By.className("roles")).getText().contains("operator"));
        assertTrue(driver.findElements(By.id("start-answer")).size() == 1, "an operator sees the start form");
        Browser.screenshot(driver, "login-oidc");

        String token = driver.manage().getCookieNamed("palo_token").getValue();
        given().header("Authorization", "Bearer " + token).get("/api/runs?limit=1").then().statusCode(200);
        // an operator's token: the audit log stays an admin's
        given().header("Authorization", "Bearer " + token).get("/api/audit").then().statusCode(403);
    }

    @Test
    void anAnswerThatBelongsToNoSignInOrARefusalIsTheLoginWithAMessage() {
        // no flow cookie: a forged or replayed callback
        given().header("Authorization", "").redirects().follow(false)
                .get("/login/oidc/callback?code=stolen&state=guessed").then().statusCode(400)
                .body(containsString("sign in again")).body(containsString("id=\"oidc-login\""));
        given().header("Authorization", "").redirects().follow(false).queryParam("error", "access_denied")
                .queryParam("error_description", "not in the directory").get("/login/oidc/callback").then()
                .statusCode(400).body(containsString("not in the directory"));
        // the sign-in starts at the provider with PKCE, and remembers its flow in a cookie for the callback only
        var begin = given().header("Authorization", "").redirects().follow(false).get("/login/oidc").then()
                .statusCode(303).extract();
        assertTrue(begin.header("Location").contains("code_challenge="), begin.header("Location"));
        String cookie = begin.header("Set-Cookie").toLowerCase(Locale.ROOT);
        assertTrue(cookie.contains("path=/login/oidc") && cookie.contains("httponly"), cookie);
    }
}
