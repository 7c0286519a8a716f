package io.portal.web;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import io.portal.testsupport.Browser;
import io.portal.testsupport.HttpExchange;
import io.portal.testsupport.PortalInstance;
import io.portal.testsupport.TestCertificates;
import io.portal.testsupport.TestCertificates.Issued;
import io.portal.testsupport.TlsProbe;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * In real headless Chromium: the default {@code secure} binding, declared in
 * configuration, gets another certificate from the certificate page, through a review
 * step; new handshakes get it while a keep-alive connection opened before carries on; the
 * binding page then shows the change with its origin and resets it.
 */
class CertificateSwapBrowserTests {

    @TempDir
    Path dir;

    @Test
    void anOperatorSwapsTheCertificateOfTheDefaultHttpsBindingThroughAReviewStep() {
        Issued other = TestCertificates.leaf(TestCertificates.ca("Test CA"), "other.portal.test");
        Map<String, Object> settings = PortalInstance.settings(this.dir.resolve("data"));
        settings.put("spring.ssl.bundle.pem.other.keystore.certificate", "file:" + other.writeCertificatePem(this.dir.resolve("o.crt")));
        settings.put("spring.ssl.bundle.pem.other.keystore.private-key", "file:" + other.writeKeyPem(this.dir.resolve("o.key")));
        try (PortalInstance portal = PortalInstance.start(settings); Browser browser = Browser.start();
                HttpExchange open = HttpExchange.connect("https://127.0.0.1:" + portal.port("portal.bindings.secure.port") + "/")) {
            int secure = portal.port("portal.bindings.secure.port");
            String base = "https://127.0.0.1:" + secure;
            WebDriver page = browser.driver();
            WebDriverWait wait = new WebDriverWait(page, Duration.ofSeconds(30));
            assertThat(open.get("/portal.css", true).status()).isEqualTo(200);

            page.get(base + "/login");
            page.findElement(By.id("password")).sendKeys(PortalInstance.ADMIN_PASSWORD + Keys.ENTER);
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("bindings-heading")));

            page.get(base + "/certificates/other");
            new Select(page.findElement(By.id("binding"))).selectByVisibleText("secure");
            page.findElement(By.id("review-swap")).click();
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("apply-swap")));
            browser.screenshot("swap-review");
            assertThat(page.findElement(By.tagName("h1")).getText()).isEqualTo("Put certificate other on binding secure?");
            assertThat(page.findElement(By.cssSelector("li[data-action=swap-certificate]")).getText())
                .contains("from 'portal' to 'other'").contains("open connections are kept");
            assertThat(TlsProbe.handshake(secure).leaf().getSubjectX500Principal().getName())
                .as("nothing changes before Apply").startsWith("CN=localhost");

            page.findElement(By.id("apply-swap")).click();
            wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("p.notice")));
            browser.screenshot("swap-applied");
            assertThat(page.findElement(By.cssSelector("p.notice")).getText()).startsWith("Applied: Change binding 'secure'");
            assertThat(TlsProbe.handshake(secure).fingerprint()).isEqualTo(TlsProbe.fingerprint(other.leaf()));
            assertThat(open.get("/portal.css", true).status()).as("the keep-alive connection opened before the swap").isEqualTo(200);

            page.get(base + "/bindings/secure");
            browser.screenshot("binding-with-override");
            assertThat(page.findElement(By.cssSelector("tr[data-field=sslBundle] td.origin")).getText()).startsWith("changed by admin at");
            page.findElement(By.id("reset-binding")).click();
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("confirm")));
            browser.screenshot("binding-reset-review");
            page.findElement(By.id("confirm")).click();
            wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("p.notice")));
            assertThat(TlsProbe.handshake(secure).leaf().getSubjectX500Principal().getName()).startsWith("CN=localhost");
        }
    }

}
