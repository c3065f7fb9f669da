package dev.palo.services.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Supplier;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.NoSuchElementException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Headless Chromium from the machine's packages ({@code chromium}, {@code chromium-driver}, installed by
 * {@code ./palo test}): Selenium never downloads a browser or driver here. Fails, never skips, when they are missing.
 */
public final class Browser {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path DRIVER = Path.of("/usr/bin/chromedriver");
    /** Where the tests leave their screenshots (copied into docs/screenshots/ for docs/dashboard.md and the README). */
    public static final Path SCREENSHOTS = Path.of("target", "screenshots");

    private Browser() {
    }

    public static ChromeDriver start() {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(DRIVER)) {
            throw new IllegalStateException("the browser tests need Debian's chromium and chromium-driver: run"
                    + " ./palo test (it installs them) or apt-get install chromium chromium-driver fonts-noto-core"
                    + " fonts-noto-cjk");
        }
        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile())
                .addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1400,1000",
                        "--lang=en-US");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile())
                .usingAnyFreePort().build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
        return driver;
    }

    /**
     * Logs in the way a person does on the embedded platform: pastes the token on the login page, which keeps it in
     * the session cookie. Logs out first, so a test can switch people.
     */
    public static void login(ChromeDriver driver, URL root, String token) {
        driver.manage().deleteAllCookies();
        driver.get(root + "login");
        driver.findElement(By.id("token")).sendKeys(token);
        driver.findElement(By.id("login")).click();
        new WebDriverWait(driver, Duration.ofSeconds(30)).until(d -> !d.getCurrentUrl().endsWith("/login"));
    }

    /** Waits until {@code condition} holds, polling every half second; elements replaced meanwhile are retried. */
    public static void waitFor(ChromeDriver driver, Duration timeout, Supplier<Boolean> condition) {
        new WebDriverWait(driver, timeout, Duration.ofMillis(500))
                .ignoring(NoSuchElementException.class)
                .ignoring(StaleElementReferenceException.class)
                .until(any -> condition.get());
    }

    /** A PNG of the whole page as it is now (the window grown to fit it, up to 4,000 px), in {@link #SCREENSHOTS}. */
    public static void screenshot(ChromeDriver driver, String name) {
        Dimension window = driver.manage().window().getSize();
        Number height = (Number) driver.executeScript("return document.documentElement.scrollHeight;");
        driver.manage().window().setSize(new Dimension(window.getWidth(), Math.min(4_000,
                Math.max(window.getHeight(), height.intValue() + 120))));
        try {
            Files.createDirectories(SCREENSHOTS);
            Files.write(SCREENSHOTS.resolve(name + ".png"), ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            driver.manage().window().setSize(window);
        }
    }
}
