package gov.dadukou.guidance.browser;

import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.SearchContext;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Headless Debian chromium driven through Debian's chromedriver, with the helpers the browser tests
 * share. In CI ({@code CI} set) a missing browser fails the tests; on a developer machine without
 * chromium they are skipped.
 */
final class Browser implements AutoCloseable {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final Path AXE = Path.of("src/test/browser/node_modules/axe-core/axe.min.js");

    /** The narrowest window headless Chromium really draws; narrower pages are emulated (see {@link #open}). */
    static final int MIN_WINDOW = 500;

    final ChromeDriver driver;

    private Browser(int width, int height) {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-sync",
                "--disable-quic", "--window-size=" + width + "," + height);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        this.driver = new ChromeDriver(service, options);
    }

    /**
     * A headless Chromium whose page is {@code width}×{@code height} CSS pixels; below {@link #MIN_WINDOW} a phone is
     * emulated (touch metrics, scale 2). Skipped outside CI when Chromium is not installed; CI must have it.
     */
    static Browser open(int width, int height) {
        boolean present = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        if (System.getenv("CI") == null) {
            Assumptions.assumeTrue(present, "chromium and chromedriver are not installed (apt-get install chromium chromium-driver)");
        } else if (!present) {
            throw new AssertionError("CI must install chromium and chromium-driver (.ci/run)");
        }
        Browser b = new Browser(Math.max(width, MIN_WINDOW), height);
        if (width < MIN_WINDOW) {
            // Headless Chromium keeps a window at least ~500 px wide whatever --window-size says: a phone's width is
            // emulated, or a "320 px" test would measure a 500 px page.
            try {
                b.driver.executeCdpCommand("Emulation.setDeviceMetricsOverride",
                        Map.of("width", width, "height", height, "deviceScaleFactor", 2, "mobile", true));
            } catch (RuntimeException e) {
                b.close();
                throw e;
            }
        }
        return b;
    }

    /** The widget's shadow root. */
    SearchContext widget() {
        return driver.findElement(org.openqa.selenium.By.id("ddk-guidance-widget")).getShadowRoot();
    }

    WebElement inWidget(String css) {
        return widget().findElement(org.openqa.selenium.By.cssSelector(css));
    }

    List<WebElement> allInWidget(String css) {
        return widget().findElements(org.openqa.selenium.By.cssSelector(css));
    }

    /**
     * Waits up to 15 s for {@code condition}. An element the page replaced while the condition read it (the console
     * re-renders a view when its data arrives) is one more try, not a failure.
     */
    <T> T waitFor(Function<WebDriver, T> condition) {
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(15));
        wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class);
        return wait.until(condition);
    }

    Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    /** Runs axe-core (from the npm registry, injected from disk) and returns serious and critical violations. */
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> seriousViolations() throws IOException {
        if (!Files.isRegularFile(AXE)) {
            throw new AssertionError("axe-core missing: run npm install --prefix src/test/browser (as .ci/run does)");
        }
        js(Files.readString(AXE, StandardCharsets.UTF_8));
        Object result = ((JavascriptExecutor) driver).executeAsyncScript(
                "var done = arguments[arguments.length - 1];"
                        + "axe.run(document, {resultTypes: ['violations']}).then(function (r) {"
                        + "  done(r.violations.filter(function (v) { return v.impact === 'serious' || v.impact === 'critical'; })"
                        + "    .map(function (v) { return {id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.length,"
                        + "      target: v.nodes.map(function (n) { return JSON.stringify(n.target); }).join(' | ')}; }));"
                        + "}).catch(function (e) { done([{id: 'axe-error', help: String(e)}]); });");
        return (List<Map<String, Object>>) result;
    }

    @Override
    public void close() {
        driver.quit();
    }
}
