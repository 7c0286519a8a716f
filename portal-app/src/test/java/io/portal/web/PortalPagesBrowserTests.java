package io.portal.web;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

import io.portal.testsupport.Browser;
import io.portal.testsupport.FreePorts;
import io.portal.testsupport.PortalInstance;
import io.portal.testsupport.TlsProbe;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The operator's path through the pages in real headless Chromium, over the portal's own
 * HTTPS: sign in, add an HTTPS binding with a generated certificate through the wizard and
 * its review step, reach it over TLS, switch HSTS on and see the self-signed warning, sign
 * out. Every page loads only from the portal itself.
 */
class PortalPagesBrowserTests {

    @TempDir
    Path dir;

    @Test
    void anOperatorAddsAnHttpsBindingAndEnablesHstsThroughThePages() {
        Map<String, Object> settings = PortalInstance.settings(this.dir.resolve("data"));
        try (PortalInstance portal = PortalInstance.start(settings); Browser browser = Browser.start()) {
            WebDriver page = browser.driver();
            String base = "https://127.0.0.1:" + portal.port("portal.bindings.secure.port");
            Set<String> hosts = new LinkedHashSet<>();
            WebDriverWait wait = new WebDriverWait(page, Duration.ofSeconds(20));

            page.get(base + "/");
            assertThat(page.findElement(By.tagName("h1")).getText()).isEqualTo("Portal");
            browser.screenshot("01-home");
            hosts.addAll(browser.loadedHosts());

            // Keyboard only: tab to "Sign in", Enter; the password field has the focus, type, Enter.
            for (int i = 0; i < 10 && !"Sign in".equals(page.switchTo().activeElement().getText()); i++) {
                new Actions(page).sendKeys(Keys.TAB).perform();
            }
            new Actions(page).sendKeys(Keys.ENTER).perform();
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("password")));
            browser.screenshot("02-sign-in");
            new Actions(page).sendKeys(PortalInstance.ADMIN_PASSWORD + Keys.ENTER).perform();
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("bindings-heading")));
            browser.screenshot("03-dashboard");
            Cookie session = page.manage().getCookieNamed("JSESSIONID");
            assertThat(session.isSecure()).as("session cookie Secure over HTTPS").isTrue();
            assertThat(session.isHttpOnly()).as("session cookie HttpOnly").isTrue();
            hosts.addAll(browser.loadedHosts());

            page.findElement(By.linkText("Bindings")).click();
            page.findElement(By.linkText("Add a binding")).click();
            int port = FreePorts.next();
            page.findElement(By.id("name")).sendKeys("lab");
            page.findElement(By.cssSelector("input[name=scheme][value=https]")).click();
            page.findElement(By.id("port")).sendKeys(String.valueOf(port));
            page.findElement(By.cssSelector("input[name=certificateMode][value=self-signed]")).click();
            page.findElement(By.id("newCertificateName")).sendKeys("lab-cert");
            page.findElement(By.id("newCertificateNames")).sendKeys("lab.portal.test, 127.0.0.1");
            browser.screenshot("04-binding-wizard");
            hosts.addAll(browser.loadedHosts());
            page.findElement(By.xpath("//button[text()='Review']")).click();

            wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("ol.steps")));
            assertThat(page.findElement(By.cssSelector("p.summary")).getText()).contains("Add HTTPS binding 'lab' on port " + port)
                .contains("Nothing has changed yet");
            assertThat(page.findElements(By.cssSelector("ol.steps li")).stream().map(WebElement::getText))
                .anySatisfy((step) -> assertThat(step).startsWith("Generate the self-signed certificate 'lab-cert'"))
                .anySatisfy((step) -> assertThat(step).startsWith("Open port " + port));
            assertThat(TlsProbeFails.on(port)).as("nothing listens before Apply").isTrue();
            page.findElement(By.cssSelector("details.script summary")).click();
            assertThat(page.findElement(By.cssSelector("details.script")).getText()).contains("curl").contains("lab:");
            browser.screenshot("05-binding-review");
            hosts.addAll(browser.loadedHosts());
            page.findElement(By.xpath("//button[text()='Apply']")).click();

            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("p.notice"), "Applied"));
            browser.screenshot("06-binding-applied");
            assertThat(TlsProbe.handshake(port).leaf().getSubjectX500Principal().getName()).startsWith("CN=lab.portal.test");

            page.findElement(By.cssSelector("a.brand")).click();
            assertThat(page.findElement(By.cssSelector("tr[data-binding=lab]")).getText()).contains("running").contains("lab-cert");
            browser.screenshot("07-dashboard-with-binding");

            page.findElement(By.linkText("Certificates")).click();
            browser.screenshot("08-certificates");
            page.findElement(By.linkText("lab-cert")).click();
            assertThat(page.findElement(By.cssSelector("dl.facts")).getText()).contains("lab.portal.test").contains("Used by\nlab");
            browser.screenshot("09-certificate");
            hosts.addAll(browser.loadedHosts());

            page.findElement(By.linkText("HTTPS settings")).click();
            page.findElement(By.id("hstsEnabled1")).click();
            WebElement maxAge = page.findElement(By.id("hstsMaxAge"));
            maxAge.clear();
            maxAge.sendKeys("1h");
            page.findElement(By.xpath("//button[text()='Check warnings']")).click();
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("hstsEnabled-warnings")));
            assertThat(page.findElement(By.id("hstsEnabled-warnings")).getText()).contains("self-signed");
            browser.screenshot("10-https-settings-warnings");
            page.findElement(By.xpath("//button[text()='Save']")).click();
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("p.notice"), "Saved"));
            hosts.addAll(browser.loadedHosts());

            page.findElement(By.cssSelector("a.brand")).click();
            assertThat(page.findElement(By.cssSelector("li[data-code=hsts-untrusted-certificate]")).getText()).contains("self-signed");
            browser.screenshot("11-dashboard-warnings");

            page.manage().window().setSize(new Dimension(390, 844));
            page.navigate().refresh();
            Object overflow = ((JavascriptExecutor) page).executeScript(
                    "return document.documentElement.scrollWidth - window.innerWidth");
            assertThat(((Number) overflow).intValue()).as("horizontal overflow on a phone-sized screen (px)").isLessThanOrEqualTo(0);
            browser.screenshot("12-dashboard-phone");
            page.manage().window().setSize(new Dimension(1280, 1000));

            page.findElement(By.xpath("//button[text()='Sign out']")).click();
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("p.notice"), "You are signed out"));
            browser.screenshot("13-signed-out");
            hosts.addAll(browser.loadedHosts());

            assertThat(hosts).as("hosts the pages loaded anything from").containsOnly("127.0.0.1:" + portal.port("portal.bindings.secure.port"));
        }
    }

    /**
     * Whether a TLS handshake on a port fails.
     */
    static final class TlsProbeFails {

        static boolean on(int port) {
            try {
                TlsProbe.handshake(port);
                return false;
            }
            catch (RuntimeException ex) {
                return true;
            }
        }

    }

}
