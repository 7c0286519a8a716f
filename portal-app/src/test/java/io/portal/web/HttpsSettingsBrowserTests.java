package io.portal.web;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.portal.testsupport.AdminApi;
import io.portal.testsupport.Browser;
import io.portal.testsupport.FreePorts;
import io.portal.testsupport.HttpExchange;
import io.portal.testsupport.PortalInstance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The HTTPS settings page in headless Chromium: with two HTTPS bindings on every interface
 * (what the bindings wizard makes), forcing HTTPS is refused next to its checkbox, on
 * "Check warnings" and on Save alike, and nothing is stored; choosing where the HTTP
 * binding redirects fixes it; a bad max-age is refused next to its field; Save stores only
 * what changed, as changed by the administrator on this page.
 */
class HttpsSettingsBrowserTests {

    @TempDir
    Path dir;

    @Test
    void eachRefusalShowsNextToItsFieldAndSaveStoresOnlyWhatChanged() {
        Map<String, Object> settings = PortalInstance.settings(this.dir.resolve("data"));
        settings.put("portal.bindings.web.redirect-to", "secure");
        try (PortalInstance portal = PortalInstance.start(settings); Browser browser = Browser.start()) {
            AdminApi api = portal.api();
            int extra = FreePorts.next();
            int plain = FreePorts.next();
            assertThat(api.post("/api/bindings", "{\"name\":\"extra\",\"scheme\":\"https\",\"port\":" + extra
                    + ",\"sslBundle\":\"portal\"}").status()).isEqualTo(201);
            assertThat(api.post("/api/bindings", "{\"name\":\"plain\",\"scheme\":\"http\",\"port\":" + plain + "}").status())
                .isEqualTo(201);
            String before = api.get("/api/settings/https").body();

            WebDriver page = browser.driver();
            WebDriverWait wait = new WebDriverWait(page, Duration.ofSeconds(20));
            String base = "https://127.0.0.1:" + portal.port("portal.bindings.secure.port");
            page.get(base + "/login");
            page.findElement(By.id("username")).clear();
            page.findElement(By.id("username")).sendKeys("admin");
            page.findElement(By.id("password")).sendKeys(PortalInstance.ADMIN_PASSWORD);
            page.findElement(By.cssSelector("form button[type=submit]")).click();
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("bindings-heading")));

            page.get(base + "/settings/https");
            page.findElement(By.id("redirectHttpToHttps1")).click();
            page.findElement(By.xpath("//button[text()='Check warnings']")).click();
            WebElement refusal = wait.until(ExpectedConditions.presenceOfElementLocated(By.id("redirectHttpToHttps-error")));
            assertThat(refusal.getText()).startsWith("portal.redirect-http-to-https is on, but HTTP binding 'plain' cannot be "
                    + "redirected: several HTTPS bindings (extra, secure) could receive its redirect");
            assertThat(followingField(page, "redirectHttpToHttps-error")).as("shown right after its checkbox")
                .isEqualTo("redirectHttpToHttps1");
            browser.screenshot("20-https-settings-refused");

            assertThat(page.findElement(By.id("redirectHttpToHttps1")).isSelected()).as("the form keeps what was entered").isTrue();
            page.findElement(By.xpath("//button[text()='Save']")).click();
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("redirectHttpToHttps-error")));
            assertThat(api.get("/api/settings/https").body()).as("nothing stored").isEqualTo(before);

            WebElement maxAge = page.findElement(By.id("hstsMaxAge"));
            maxAge.clear();
            maxAge.sendKeys("soon");
            page.findElement(By.xpath("//button[text()='Save']")).click();
            WebElement maxAgeError = wait.until(ExpectedConditions.presenceOfElementLocated(By.id("hstsMaxAge-error")));
            assertThat(maxAgeError.getText()).contains("'soon' is not a duration");
            assertThat(api.get("/api/settings/https").body()).as("nothing stored").isEqualTo(before);

            maxAge = page.findElement(By.id("hstsMaxAge"));
            maxAge.clear();
            maxAge.sendKeys("1h");
            if (!page.findElement(By.id("redirectHttpToHttps1")).isSelected()) {
                page.findElement(By.id("redirectHttpToHttps1")).click();
            }
            new Select(page.findElement(By.id("redirectTo-plain"))).selectByValue("extra");
            page.findElement(By.xpath("//button[text()='Save']")).click();
            WebElement notice = wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("p.notice")));
            assertThat(notice.getText()).isEqualTo("Saved: redirectHttpToHttps = true, binding 'plain' redirects to 'extra'. "
                    + "In force now.");
            browser.screenshot("21-https-settings-saved");

            // HTTPS is forced now: the API is asked over HTTPS.
            JsonNode saved = JsonMapper.builder().build().readTree(HttpExchange.getAsAdmin(base + "/api/settings/https").body());
            List<String> overridden = new ArrayList<>();
            saved.get("settings").forEach((s) -> {
                if (s.get("overridden").asBoolean()) {
                    overridden.add(s.get("name").asString());
                }
            });
            assertThat(overridden).as("only what changed is stored").containsExactly("redirect-http-to-https");
            assertThat(saved.at("/sources/redirectHttpToHttps").asString()).startsWith("changed by admin on the settings page at ");
            assertThat(page.findElement(By.id("redirectHttpToHttps1")).isSelected()).isTrue();
            assertThat(page.getPageSource()).contains("Now from: changed by admin on the settings page at ");
            HttpExchange.Response redirected = HttpExchange.get("http://127.0.0.1:" + plain + "/x");
            assertThat(redirected.status()).isEqualTo(308);
            assertThat(redirected.header("Location")).isEqualTo("https://127.0.0.1:" + extra + "/x");
        }
    }

    /**
     * The id of the form control just before an element.
     */
    private static String followingField(WebDriver page, String id) {
        return page.findElement(By.xpath("//*[@id='" + id + "']/preceding::input[@type='checkbox'][1]")).getAttribute("id");
    }

}
