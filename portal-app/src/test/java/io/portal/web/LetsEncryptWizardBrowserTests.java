package io.portal.web;

import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.portal.testsupport.Browser;
import io.portal.testsupport.FreePorts;
import io.portal.testsupport.ManualTime;
import io.portal.testsupport.Pebble;
import io.portal.testsupport.PortalInstance;
import io.portal.testsupport.TlsProbe;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Let's Encrypt wizard in real headless Chromium, over the portal's own HTTPS, against
 * the real Pebble ACME server: the form with the CA's terms, the review step, then the
 * order followed live by {@code lets-encrypt.js} until the certificate is issued (or the
 * failure is explained), and on to the certificate page. Every page loads only from the
 * portal itself. Screenshots go to {@code target/screenshots/}.
 */
class LetsEncryptWizardBrowserTests {

    static final String TERMS = "data:text/plain,Do%20what%20thou%20wilt";

    @TempDir
    Path dir;

    @Test
    void anOperatorRequestsACertificateAndWatchesTheOrderUntilItIsIssued() {
        Map<String, Object> settings = PortalInstance.settings(this.dir.resolve("data"));
        ManualTime time = new ManualTime();
        try (Pebble pebble = Pebble.on((int) settings.get("portal.bindings.web.port")).start();
                PortalInstance portal = PortalInstance.start(pebble.configure(settings), time);
                Browser browser = Browser.start()) {
            WebDriver page = browser.driver();
            String base = "https://127.0.0.1:" + portal.port("portal.bindings.secure.port");
            Set<String> hosts = new LinkedHashSet<>();
            WebDriverWait wait = new WebDriverWait(page, Duration.ofSeconds(60));
            signIn(page, base, wait);

            page.findElement(By.linkText("Let's Encrypt")).click();
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("acme-form")));
            assertThat(page.findElement(By.id("terms-text")).getText()).isEqualTo(TERMS);
            page.findElement(By.cssSelector("input[name=directory][value=custom]")).click();
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("terms"), "Give the directory URL"));
            page.findElement(By.id("customDirectory")).sendKeys(pebble.directoryUrl());
            page.findElement(By.id("email")).click();
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("terms"), TERMS));
            assertThat(page.findElement(By.id("show-terms")).isDisplayed()).as("the no-script button is hidden").isFalse();
            page.findElement(By.id("name")).sendKeys("shop");
            page.findElement(By.id("domains")).sendKeys("localhost");
            page.findElement(By.id("email")).sendKeys("shop@portal.test");
            page.findElement(By.xpath("//button[text()='Review']")).click();
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("acceptTermsOfService-error")));
            assertThat(page.findElement(By.id("acceptTermsOfService-error")).getText())
                .startsWith("Certificate 'shop' needs an account at " + pebble.directoryUrl());
            scrollTo(page, page.findElement(By.id("acceptTermsOfService-error")));
            browser.screenshot("le-01-form-terms-not-accepted");
            hosts.addAll(browser.loadedHosts());

            page.findElement(By.id("acceptTermsOfService1")).click();
            browser.screenshot("le-02-form");
            page.findElement(By.xpath("//button[text()='Review']")).click();
            wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("ol.steps")));
            assertThat(page.findElement(By.cssSelector("p.summary")).getText()).contains("Request an ACME certificate 'shop'")
                .contains("Nothing has changed yet");
            assertThat(page.findElements(By.cssSelector("ol.steps li")).stream().map((e) -> e.getAttribute("data-action")))
                .containsExactly("serve-temporary-certificate", "account", "order", "answer-challenge", "swap-certificate");
            page.findElement(By.cssSelector("details.script summary")).click();
            assertThat(page.findElement(By.cssSelector("details.script")).getText()).contains("/api/certificates/acme");
            browser.screenshot("le-03-review");
            hosts.addAll(browser.loadedHosts());

            page.findElement(By.xpath("//button[text()='Request certificate']")).click();
            wait.until(ExpectedConditions.attributeToBe(By.id("acme-progress"), "data-live", "on"));
            ((JavascriptExecutor) page).executeScript("window.portalTestMarker = 'same page';");
            assertThat(page.findElement(By.id("acme-state")).getText()).isEqualTo("waiting");
            browser.screenshot("le-04-waiting");

            time.runDue();

            wait.until(ExpectedConditions.textToBe(By.id("acme-state"), "issued"));

            assertThat(((JavascriptExecutor) page).executeScript("return window.portalTestMarker;"))
                .as("followed without reloading").isEqualTo("same page");
            assertThat(page.findElements(By.cssSelector("#acme-stages li")).stream().map((e) -> e.getAttribute("data-status")))
                .containsExactly("done", "done", "done", "done", "done");
            assertThat(page.findElement(By.cssSelector("#acme-stages li[data-step=issued]")).getText())
                .contains("Issued certificate 'shop' for [localhost]");
            assertThat(page.findElement(By.id("acme-failure")).isDisplayed()).isFalse();
            browser.screenshot("le-05-issued");
            hosts.addAll(browser.loadedHosts());

            page.findElement(By.linkText("Use it on a binding")).click();
            wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("dl.facts")));
            assertThat(page.findElement(By.cssSelector("dl.facts")).getText()).contains("Renewed automatically");
            assertThat(page.findElement(By.id("renew-now")).isDisplayed()).isTrue();
            browser.screenshot("le-06-certificate");
            hosts.addAll(browser.loadedHosts());

            page.findElement(By.cssSelector("a.brand")).click();
            assertThat(page.findElement(By.cssSelector("article[data-bundle=shop]")).getText()).contains("Renewed automatically");
            browser.screenshot("le-07-dashboard");
            hosts.addAll(browser.loadedHosts());

            List<X509Certificate> chain = servedBy(portal, "shop");
            assertThat(chain.get(chain.size() - 1).getIssuerX500Principal()).isEqualTo(pebble.root().getSubjectX500Principal());
            assertThat(hosts).as("hosts the pages loaded anything from")
                .containsOnly("127.0.0.1:" + portal.port("portal.bindings.secure.port"));
        }
    }

    @Test
    void aPrivateCasRootGivenInTheWizardIsTrustedForThatCaOnlyWithoutARestart() throws Exception {
        Map<String, Object> settings = PortalInstance.settings(this.dir.resolve("data"));
        ManualTime time = new ManualTime();
        try (Pebble pebble = Pebble.on((int) settings.get("portal.bindings.web.port")).start();
                PortalInstance portal = PortalInstance.start(withoutTrustStore(pebble.configure(settings)), time);
                Browser browser = Browser.start()) {
            WebDriver page = browser.driver();
            String base = "https://127.0.0.1:" + portal.port("portal.bindings.secure.port");
            WebDriverWait wait = new WebDriverWait(page, Duration.ofSeconds(60));
            signIn(page, base, wait);
            String root = java.nio.file.Files.readString(pebble.trustStore());

            page.get(base + "/lets-encrypt");
            page.findElement(By.cssSelector("input[name=directory][value=custom]")).click();
            page.findElement(By.id("customDirectory")).sendKeys(pebble.directoryUrl());
            page.findElement(By.id("email")).click();
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("terms"), "The terms cannot be shown"));
            assertThat(page.findElement(By.id("terms")).getText()).as("Pebble's TLS certificate is not trusted yet")
                .contains("PKIX");
            ((JavascriptExecutor) page).executeScript("var f = document.getElementById('caCertificates'); f.value = arguments[0];"
                    + "f.dispatchEvent(new Event('change'));", root);
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("terms"), TERMS));
            page.findElement(By.id("name")).sendKeys("private");
            page.findElement(By.id("domains")).sendKeys("localhost");
            page.findElement(By.id("acceptTermsOfService1")).click();
            scrollTo(page, page.findElement(By.id("caCertificates")));
            browser.screenshot("le-11-private-ca-root");
            page.findElement(By.xpath("//button[text()='Review']")).click();
            wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("ol.steps")));
            assertThat(page.findElement(By.cssSelector("dl.facts")).getText()).contains("trusted for this CA only");
            page.findElement(By.xpath("//button[text()='Request certificate']")).click();
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("acme-state")));

            time.runDue();

            wait.until(ExpectedConditions.textToBe(By.id("acme-state"), "issued"));
            browser.screenshot("le-12-private-ca-issued");
            List<X509Certificate> chain = servedBy(portal, "private");
            assertThat(chain.get(chain.size() - 1).getIssuerX500Principal()).isEqualTo(pebble.root().getSubjectX500Principal());
            // The root was given for Pebble's directory URL only: the same server under another URL is not trusted.
            String other = pebble.directoryUrl().replace("localhost", "127.0.0.1");
            assertThat(portal.bean(io.portal.acme.AcmeOrders.class).describe(pebble.directoryUrl()).termsOfService())
                .isEqualTo(TERMS);
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> portal.bean(io.portal.acme.AcmeOrders.class)
                .describe(other)).hasMessageContaining("PKIX");
        }
    }

    private static Map<String, Object> withoutTrustStore(Map<String, Object> settings) {
        settings.remove("portal.acme.trust-store");
        return settings;
    }

    @Test
    void whenTheCaCannotReachThePortalThePageExplainsWhatToCheck() {
        Map<String, Object> settings = PortalInstance.settings(this.dir.resolve("data"));
        ManualTime time = new ManualTime();
        try (Pebble pebble = Pebble.on(FreePorts.next()).start();
                PortalInstance portal = PortalInstance.start(pebble.configure(settings), time);
                Browser browser = Browser.start()) {
            WebDriver page = browser.driver();
            String base = "https://127.0.0.1:" + portal.port("portal.bindings.secure.port");
            WebDriverWait wait = new WebDriverWait(page, Duration.ofSeconds(60));
            signIn(page, base, wait);

            page.get(base + "/lets-encrypt");
            page.findElement(By.id("name")).sendKeys("shop");
            page.findElement(By.id("domains")).sendKeys("localhost");
            page.findElement(By.id("acceptTermsOfService1")).click();
            page.findElement(By.xpath("//button[text()='Review']")).click();
            wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("ol.steps")));
            page.findElement(By.xpath("//button[text()='Request certificate']")).click();
            wait.until(ExpectedConditions.attributeToBe(By.id("acme-progress"), "data-live", "on"));

            time.runDue();

            wait.until(ExpectedConditions.textToBe(By.id("acme-state"), "failed"));

            WebElement failure = page.findElement(By.id("acme-failure"));
            assertThat(failure.isDisplayed()).isTrue();
            assertThat(page.findElement(By.id("acme-error")).getText()).contains("The CA could not validate localhost")
                .contains("connection refused");
            assertThat(page.findElement(By.id("acme-advice")).getText()).contains("port 80 is not reachable from the internet")
                .contains("DNS records");
            assertThat(page.findElement(By.cssSelector("#acme-stages li[data-step=validated]")).getAttribute("data-status"))
                .isEqualTo("failed");
            browser.screenshot("le-08-challenge-failed");
            scrollTo(page, page.findElement(By.id("acme-advice")));
            browser.screenshot("le-09-challenge-failed-advice");
        }
    }

    @Test
    void withoutJavaScriptTheFormShowsTheChosenCasTermsAndTheProgressPageRefreshesItselfUntilIssued() {
        Map<String, Object> settings = PortalInstance.settings(this.dir.resolve("data"));
        ManualTime time = new ManualTime();
        try (Pebble pebble = Pebble.on((int) settings.get("portal.bindings.web.port")).start();
                PortalInstance portal = PortalInstance.start(pebble.configure(settings), time);
                Browser browser = Browser.startWithoutJavaScript()) {
            WebDriver page = browser.driver();
            String base = "https://127.0.0.1:" + portal.port("portal.bindings.secure.port");
            WebDriverWait wait = new WebDriverWait(page, Duration.ofSeconds(60));
            signIn(page, base, wait);

            page.get(base + "/lets-encrypt");
            page.findElement(By.cssSelector("input[name=directory][value=custom]")).click();
            page.findElement(By.id("customDirectory")).sendKeys(pebble.directoryUrl());
            page.findElement(By.id("name")).sendKeys("plain");
            page.findElement(By.id("domains")).sendKeys("localhost");
            page.findElement(By.id("show-terms")).click();
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("terms-text")));
            assertThat(page.findElement(By.id("terms-text")).getText()).isEqualTo(TERMS);
            assertThat(page.findElement(By.id("name")).getAttribute("value")).isEqualTo("plain");
            page.findElement(By.id("acceptTermsOfService1")).click();
            page.findElement(By.xpath("//button[text()='Review']")).click();
            wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("ol.steps")));
            page.findElement(By.xpath("//button[text()='Request certificate']")).click();
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("acme-state")));
            assertThat(page.findElement(By.id("acme-state")).getText()).isEqualTo("waiting");
            browser.screenshot("le-10-waiting-without-javascript");

            time.runDue();

            // Nothing but the page's own refresh brings the new state.
            wait.until(ExpectedConditions.textToBe(By.id("acme-state"), "issued"));
            assertThat(page.findElement(By.id("acme-progress")).getAttribute("data-live")).as("no script ran").isNull();
            assertThat(page.findElements(By.cssSelector("#acme-stages li")).stream().map((e) -> e.getAttribute("data-status")))
                .containsExactly("done", "done", "done", "done", "done");
            browser.screenshot("le-11-issued-without-javascript");
        }
    }

    private static void scrollTo(WebDriver page, WebElement element) {
        ((JavascriptExecutor) page).executeScript("arguments[0].scrollIntoView({block: 'center'});", element);
    }

    private static void signIn(WebDriver page, String base, WebDriverWait wait) {
        page.get(base + "/login");
        page.findElement(By.id("password")).sendKeys(PortalInstance.ADMIN_PASSWORD);
        page.findElement(By.cssSelector("form button[type=submit]")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("bindings-heading")));
    }

    private static List<X509Certificate> servedBy(PortalInstance portal, String bundle) {
        int port = FreePorts.next();
        portal.api().post("/api/bindings", "{\"name\":\"" + bundle + "\",\"scheme\":\"https\",\"port\":" + port
                + ",\"sslBundle\":\"" + bundle + "\"}");
        return TlsProbe.handshake(port, "localhost").chain();
    }

}
