package dev.palo.services.support;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.openqa.selenium.chrome.ChromeDriver;

/** A headless Chromium per test ({@link Browser#start()}), quit after it: {@code @RegisterExtension} it. */
public final class BrowserSession implements BeforeEachCallback, AfterEachCallback {
    private ChromeDriver driver;

    @Override
    public void beforeEach(ExtensionContext context) {
        driver = Browser.start();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (driver != null) {
            driver.quit();
            driver = null;
        }
    }

    public ChromeDriver driver() {
        return driver;
    }
}
