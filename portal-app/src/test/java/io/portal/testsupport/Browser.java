package io.portal.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.JavascriptExecutor;

/**
 * Headless Chromium from the system (Debian's {@code chromium} and {@code chromium-driver}),
 * driven by Selenium; nothing is downloaded. Without them the test is skipped, or fails
 * when {@code CI=true}. Screenshots go to {@code target/screenshots}.
 */
public final class Browser implements AutoCloseable {

    private static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("PORTAL_TEST_CHROMIUM", "/usr/bin/chromium"));

    private static final Path CHROMEDRIVER = Path.of(System.getenv().getOrDefault("PORTAL_TEST_CHROMEDRIVER", "/usr/bin/chromedriver"));

    private final ChromeDriver driver;

    private final Path profile;

    private Browser(ChromeDriver driver, Path profile) {
        this.driver = driver;
        this.profile = profile;
    }

    public static Browser start() {
        return start(true);
    }

    /**
     * Start Chromium with JavaScript switched off, to check that pages work without it.
     * @return the browser
     */
    public static Browser startWithoutJavaScript() {
        return start(false);
    }

    private static Browser start(boolean javaScript) {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            String reason = "Chromium (" + CHROMIUM + ") or ChromeDriver (" + CHROMEDRIVER + ") is not installed: apt-get install chromium chromium-driver";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new IllegalStateException(reason + "; CI=true, so this test fails instead of being skipped");
            }
            Assumptions.abort(reason);
        }
        try {
            Path profile = Files.createTempDirectory("portal-chromium");
            ChromeOptions options = new ChromeOptions();
            options.setBinary(CHROMIUM.toFile());
            options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    "--disable-default-apps", "--ignore-certificate-errors", "--window-size=1280,1000",
                    "--user-data-dir=" + profile);
            if (!javaScript) {
                options.setExperimentalOption("prefs", java.util.Map.of("profile.managed_default_content_settings.javascript", 2));
            }
            ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
            return new Browser(new ChromeDriver(service, options), profile);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    public WebDriver driver() {
        return this.driver;
    }

    /**
     * Save a screenshot of the current page.
     * @param name the file name without extension
     * @return the file
     */
    public Path screenshot(String name) {
        try {
            Path dir = Path.of("target", "screenshots");
            Files.createDirectories(dir);
            Path file = dir.resolve(name + ".png");
            Files.write(file, this.driver.getScreenshotAs(OutputType.BYTES));
            return file;
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /**
     * The hosts (host:port) of every resource the current page loaded, and of the page.
     * @return the hosts
     */
    @SuppressWarnings("unchecked")
    public List<String> loadedHosts() {
        List<String> urls = (List<String>) ((JavascriptExecutor) this.driver).executeScript(
                "return [location.href].concat(performance.getEntriesByType('resource').map(e => e.name))");
        return urls.stream().map(URI::create).map((uri) -> uri.getHost() + ":" + uri.getPort()).distinct().toList();
    }

    @Override
    public void close() {
        this.driver.quit();
        try (var files = Files.walk(this.profile)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach((p) -> p.toFile().delete());
        }
        catch (IOException ex) {
            // a leftover profile in /tmp is harmless
        }
    }


}
