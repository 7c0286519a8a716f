package io.portal.security;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.portal.cli.PortalCli;
import io.portal.testsupport.HttpExchange;
import io.portal.testsupport.PortalInstance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code java -jar portal.jar configure}: stores settings, shows them with their sources,
 * refuses bad ones without storing anything, and a running portal applies what it stores.
 */
@ExtendWith(OutputCaptureExtension.class)
class ConfigureCommandTests {

    private static final String HSTS = "Strict-Transport-Security";

    @TempDir
    Path dir;

    @Test
    void octopusStyleOptionsAreStoredShownAndResetToTheConfiguration() {
        Shell set = configure("--hstsEnabled=true", "--hstsMaxAge=31556926");
        assertThat(set.exitCode()).isZero();
        assertThat(set.out()).startsWith("Stored hsts-enabled=true, hsts-max-age=365d5h48m46s. A running portal applies "
                + "stored settings within 2s, a stopped one when it starts.");
        assertThat(set.out()).contains("Warning: HSTS max-age is 365d5h48m46s although HSTS has been on for less than a day")
            .contains("Warning: HSTS is on, but HTTP requests are not redirected to HTTPS");

        Shell show = configure("--show");
        assertThat(show.exitCode()).isZero();
        assertThat(line(show, "hsts-enabled")).matches("hsts-enabled +true +stored by configure at \\S+ "
                + "\\(overrides application.yml line \\d+: false\\)");
        assertThat(line(show, "hsts-max-age")).matches("hsts-max-age +365d5h48m46s +stored by configure at \\S+ "
                + "\\(overrides application.yml line \\d+: 1h\\)");
        assertThat(line(show, "redirect-status")).matches("redirect-status +308 +application.yml line \\d+");

        Shell kebab = configure("--hsts-max-age=1h", "--redirect-http-to-https", "--show");
        assertThat(kebab.exitCode()).isZero();
        assertThat(line(kebab, "redirect-http-to-https")).contains("true").contains("stored by configure");
        Shell octopus = configure("--webForceSSL=false", "--show");
        assertThat(line(octopus, "redirect-http-to-https")).contains("false").contains("stored by configure");

        Shell reset = configure("--reset", "--show");
        assertThat(reset.exitCode()).isZero();
        assertThat(reset.out()).contains("hsts-enabled reset to false (application.yml line");
        assertThat(line(reset, "hsts-enabled")).matches("hsts-enabled +false +application.yml line \\d+");
        assertThat(line(reset, "redirect-http-to-https")).matches("redirect-http-to-https +false +application.yml line \\d+");
    }

    @Test
    void badValuesArePrintedAsOneLineWithANonZeroExitAndNothingIsStored() {
        assertThat(configure("--hsts-enabled=true", "--hsts-max-age=2h").exitCode()).isZero();
        String before = configure("--show").out();
        List<String> errors = new ArrayList<>();
        for (String[] bad : List.of(new String[] { "--hsts-max-age=-5" }, new String[] { "--hsts-max-age-seconds=5" },
                new String[] { "--hsts-max-age=1d", "--hsts-preload" },
                new String[] { "--redirect-http-to-https", "--portal.bindings.secure.enabled=false" })) {
            Shell refused = configure(bad);
            assertThat(refused.exitCode()).as(String.join(" ", bad)).isEqualTo(2);
            assertThat(refused.err().lines()).as(String.join(" ", bad)).hasSize(1);
            assertThat(refused.out()).doesNotContain("Stored");
            errors.add(refused.err().strip());
        }
        assertThat(errors).containsExactly(
                "Invalid option --hsts-max-age=-5: '-5' is negative; max-age is 0 or more, such as 3600, 1h or 365d. "
                        + "Nothing was changed.",
                "Unknown option --hsts-max-age-seconds. " + ConfigureOptions.USAGE,
                "portal.hsts.preload is on, but preload lists also require max-age of at least 365d (it is 1d) and "
                        + "include-sub-domains. Also set hsts-max-age to 365d or more and hsts-include-sub-domains to true "
                        + "(configure --hsts-max-age=365d --hsts-include-sub-domains=true), or turn preload off. "
                        + "Nothing was changed.",
                "portal.redirect-http-to-https is on, but HTTP binding 'web' cannot be redirected: there is no HTTPS "
                        + "binding to redirect to. Add an HTTPS binding (portal.bindings.<name>.scheme=https with a port "
                        + "and an ssl-bundle), or turn the redirect off (configure --redirect-http-to-https=false). "
                        + "Nothing was changed.");
        assertThat(configure("--show").out()).isEqualTo(before);
    }

    @Test
    void aRunningPortalAppliesAStoredChangeWithinItsRefreshInterval() {
        Map<String, Object> settings = PortalInstance.settings(this.dir.resolve("data"));
        settings.put("portal.settings-refresh", "200ms");
        try (PortalInstance portal = PortalInstance.start(settings)) {
            String home = "https://127.0.0.1:" + settings.get("portal.bindings.secure.port") + "/";
            assertThat(HttpExchange.get(home).header(HSTS)).isNull();
            assertThat(configure("--hsts-enabled=true", "--hsts-max-age=600").exitCode()).isZero();
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(HttpExchange.get(home).header(HSTS))
                .isEqualTo("max-age=600"));
            assertThat(configure("--hsts-enabled=false").exitCode()).isZero();
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(HttpExchange.get(home).header(HSTS)).isNull());
        }
    }

    @Test
    void storedSettingsOverrideTheConfigurationAtTheNextStart() {
        assertThat(configure("--redirect-http-to-https=true", "--redirect-status=307").exitCode()).isZero();
        Map<String, Object> settings = PortalInstance.settings(this.dir.resolve("data"));
        settings.put("portal.redirect-http-to-https", false);
        try (PortalInstance portal = PortalInstance.start(settings)) {
            HttpExchange.Response response = HttpExchange.get("http://127.0.0.1:" + settings.get("portal.bindings.web.port") + "/");
            assertThat(response.status()).isEqualTo(307);
        }
    }

    @Test
    void aShellInAnotherProcessHandsTheCommandToThePortalThatHoldsTheEmbeddedStore(CapturedOutput output) {
        Map<String, Object> settings = PortalInstance.settings(this.dir.resolve("data"));
        settings.put("portal.settings-refresh", "200ms");
        try (PortalInstance portal = PortalInstance.start(settings)) {
            String dataDir = "--portal.data-dir=" + this.dir.resolve("data");
            PortalShell.Result set = PortalShell.run(this.dir, Map.of(), "configure", "--hsts-enabled", "--hsts-max-age=900",
                    dataDir);
            assertThat(set.exitCode()).as(set.err()).isZero();
            assertThat(set.out()).contains("Stored hsts-enabled=true, hsts-max-age=15m.");
            assertThat(output).contains("Carried out 'configure --hsts-enabled --hsts-max-age=900' for the shell (exit code 0)");
            String home = "https://127.0.0.1:" + settings.get("portal.bindings.secure.port") + "/";
            assertThat(HttpExchange.get(home).header(HSTS)).isEqualTo("max-age=900");

            PortalShell.Result refused = PortalShell.run(this.dir, Map.of(), "configure", "--hsts-preload", dataDir);
            assertThat(refused.exitCode()).isEqualTo(2);
            assertThat(refused.err()).startsWith("portal.hsts.preload is on, but preload lists also require");
            assertThat(HttpExchange.get(home).header(HSTS)).isEqualTo("max-age=900");
        }
    }

    @Test
    void showNamesTheDefaultApplicationYmlTheEnvironmentAndTheStoreAsSources() throws Exception {
        Files.writeString(this.dir.resolve("application.yml"), """
                portal:
                  data-dir: ./data
                  hsts:
                    max-age: 2h
                """);
        PortalShell.Result show = PortalShell.run(this.dir, Map.of("PORTAL_HSTS_INCLUDESUBDOMAINS", "true"), "configure",
                "--hsts-enabled=true", "--show");
        assertThat(show.exitCode()).as(show.err()).isZero();
        assertThat(show.out()).containsPattern("hsts-enabled +true +stored by configure at \\S+ \\(overrides default: false\\)")
            .containsPattern("hsts-max-age +2h +application.yml line 4\\R")
            .containsPattern("hsts-include-sub-domains +true +environment PORTAL_HSTS_INCLUDESUBDOMAINS\\R")
            .containsPattern("hsts-preload +false +default\\R");
    }

    private Shell configure(String... args) {
        List<String> all = new ArrayList<>(List.of("configure"));
        all.addAll(List.of(args));
        all.add("--portal.data-dir=" + this.dir.resolve("data"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exitCode = PortalCli.run(all.toArray(String[]::new), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Shell(exitCode, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static String line(Shell shell, String setting) {
        return shell.out().lines().filter((line) -> line.startsWith(setting + " ")).findFirst().orElseThrow();
    }

    private record Shell(int exitCode, String out, String err) {
    }

}
