package io.portal.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import io.portal.testsupport.AdminApi;
import io.portal.testsupport.HttpExchange;
import io.portal.testsupport.PortalInstance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code java -jar portal.jar configure}: through the running portal's admin API when one
 * runs in the data directory (or at {@code --url}), printing the warnings the portal lists;
 * on the state store while none runs; never on a store it would have to create.
 */
class ConfigureCommandTests {

    private static final String HSTS = "Strict-Transport-Security";

    /**
     * Where a configured value comes from: these tests run in the project's directory,
     * whose application.yml states the defaults.
     */
    private static final String CONFIGURED = "(?:default|application.yml line \\d+)";

    @TempDir
    Path dir;

    @Test
    void fromADirectoryWithoutAStoreNothingIsCreatedAndTheCommandSaysWhereItLooked() throws Exception {
        Path empty = Files.createDirectories(this.dir.resolve("elsewhere"));
        Shell refused = run(Map.of(), "configure", "--hstsEnabled=true", "--hstsMaxAge=31536000",
                "--portal.data-dir=" + empty.resolve("data"));
        assertThat(refused.exitCode()).isEqualTo(2);
        assertThat(refused.out()).isEmpty();
        assertThat(refused.err().lines()).singleElement().asString()
            .startsWith("No portal found: no running portal left its address in " + empty.resolve("data/local-api.properties")
                    + ", and there is no state store at " + empty.resolve("data/portal.mv.db"))
            .contains("Nothing was created.")
            .contains("--portal.data-dir=/path/to/data")
            .contains("--url=https://host:port with PORTAL_TOKEN set");
        try (Stream<Path> files = Files.list(empty)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void withARunningPortalTheChangeGoesThroughItsApiAndPrintsExactlyTheWarningsItLists() {
        try (PortalInstance portal = PortalInstance.start(PortalInstance.settings(this.dir.resolve("data")))) {
            String home = "https://127.0.0.1:" + portal.port("portal.bindings.secure.port") + "/";
            Shell changed = configure("--hstsEnabled=true", "--hstsMaxAge=31536000");
            assertThat(changed.exitCode()).as(changed.err()).isZero();
            assertThat(changed.out()).startsWith("Changed hsts-enabled=true, hsts-max-age=365d on the portal running in "
                    + this.dir.resolve("data") + " (https://127.0.0.1:" + portal.port("portal.bindings.secure.port")
                    + "); in force now.\n");
            assertThat(HttpExchange.get(home).header(HSTS)).as("in force at once").isEqualTo("max-age=31536000");

            JsonNode listed = portal.api().get("/api/settings/https").json();
            List<String> expected = new ArrayList<>();
            listed.get("warnings").forEach((w) -> expected.add("Warning: " + w.get("message").asString() + " Fix: "
                    + w.get("fix").asString()));
            assertThat(listed.get("warnings").findValuesAsString("code")).contains("hsts-untrusted-certificate",
                    "hsts-non-standard-port", "hsts-long-max-age-too-soon", "hsts-without-redirect");
            assertThat(changed.out().lines().filter((line) -> line.startsWith("Warning: "))).containsExactlyElementsOf(expected);
            assertThat(listed.at("/sources/hstsEnabled").asString()).startsWith("changed by admin (token 'shell') through the API at ");

            Shell refused = configure("--hsts-preload");
            assertThat(refused.exitCode()).isEqualTo(2);
            assertThat(refused.err().strip()).isEqualTo("portal.hsts.preload is on, but preload lists also require "
                    + "include-sub-domains. Also set hsts-include-sub-domains to true (configure --hsts-include-sub-domains=true), "
                    + "or turn preload off. Nothing was changed.");
            assertThat(HttpExchange.get(home).header(HSTS)).isEqualTo("max-age=31536000");

            Shell reset = configure("--reset", "--show");
            assertThat(reset.exitCode()).as(reset.err()).isZero();
            assertThat(reset.out()).containsPattern("^Changed hsts-enabled reset to false \\(" + CONFIGURED + "\\), hsts-max-age "
                    + "reset to 1h \\(" + CONFIGURED + "\\) on the portal")
                .containsPattern("hsts-enabled +false +" + CONFIGURED + "\\R");
            assertThat(HttpExchange.get(home).header(HSTS)).isNull();
        }
    }

    @Test
    void withoutARunningPortalSettingsAreStoredForItsNextStartAndShownWithWhereTheyComeFrom() {
        createStore();
        Shell set = configure("--hstsEnabled=true", "--hstsMaxAge=31556926");
        assertThat(set.exitCode()).as(set.err()).isZero();
        assertThat(set.out()).startsWith("Stored hsts-enabled=true, hsts-max-age=365d5h48m46s in the state store of "
                + this.dir.resolve("data") + "; no portal runs there now, it applies them when it starts.\n")
            .contains("Warning: HSTS max-age is 365d5h48m46s although HSTS has been on for less than a day")
            .contains("Whether each HTTPS binding's certificate is trusted is checked by the running portal");

        Shell show = configure("--show");
        String user = System.getProperty("user.name");
        assertThat(line(show, "hsts-enabled")).matches("hsts-enabled +true +changed by \\Q" + user + "\\E with configure at "
                + "\\S+Z \\(overrides " + CONFIGURED + ": false\\)");
        assertThat(line(show, "redirect-status")).matches("redirect-status +308 +" + CONFIGURED);

        Shell octopus = configure("--webForceSSL=true", "--redirect-status=307");
        assertThat(octopus.exitCode()).as(octopus.err()).isZero();
        Map<String, Object> settings = PortalInstance.settings(this.dir.resolve("data"));
        try (PortalInstance portal = PortalInstance.start(settings)) {
            String http = "http://127.0.0.1:" + portal.port("portal.bindings.web.port") + "/";
            assertThat(HttpExchange.get(http).status()).isEqualTo(307);
            assertThat(HttpExchange.get("https://127.0.0.1:" + portal.port("portal.bindings.secure.port") + "/").header(HSTS))
                .isEqualTo("max-age=31556926");
        }
    }

    @Test
    void withoutARunningPortalSettingsAreCheckedAgainstTheBindingsAsStoredOverridesChangedThem() {
        try (PortalInstance portal = PortalInstance.start(PortalInstance.settings(this.dir.resolve("data")))) {
            // The only HTTPS binding disabled at runtime: HTTP has nowhere to be redirected to.
            assertThat(portal.api().patch("/api/bindings/secure", "{\"enabled\":false}", null).status()).isEqualTo(200);
        }
        Shell forced = configure("--redirect-http-to-https=true", "--redirect-status=307");
        assertThat(forced.exitCode()).as(forced.out()).isEqualTo(2);
        assertThat(forced.err()).contains("HTTP binding 'web' cannot be redirected: there is no HTTPS binding to redirect to")
            .contains("Nothing was changed.");
    }

    @Test
    void badValuesArePrintedAsOneLineWithExitCodeTwoAndNothingIsStored() {
        createStore();
        assertThat(configure("--hsts-enabled=true", "--hsts-max-age=2h").exitCode()).isZero();
        String before = configure("--show").out();
        List<String> errors = new ArrayList<>();
        for (String[] bad : List.of(new String[] { "--hsts-max-age=-5" }, new String[] { "--hsts-max-age-seconds=5" },
                new String[] { "--hsts-max-age=1d", "--hsts-preload" }, new String[] { "--show=yes" },
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
                "Option --show takes no value (it was given 'yes'); write --show. Nothing was changed.",
                "portal.redirect-http-to-https is on, but HTTP binding 'web' cannot be redirected: there is no HTTPS "
                        + "binding to redirect to. Add an HTTPS binding (portal.bindings.<name>.scheme=https with a port "
                        + "and an ssl-bundle), or turn the redirect off (configure --redirect-http-to-https=false). "
                        + "Nothing was changed.");
        assertThat(configure("--show").out()).isEqualTo(before);
    }

    @Test
    void theFileOfAPortalThatIsGoneIsRecognisedAndTheStoreIsUsed() throws Exception {
        Path file = this.dir.resolve("data").resolve(LocalApiFile.NAME);
        String left;
        try (PortalInstance portal = PortalInstance.start(PortalInstance.settings(this.dir.resolve("data")))) {
            assertThat(file).exists();
            assertThat(Files.getPosixFilePermissions(file)).extracting(Object::toString)
                .containsExactlyInAnyOrder("OWNER_READ", "OWNER_WRITE");
            left = Files.readString(file);
        }
        assertThat(file).as("removed at a graceful stop").doesNotExist();
        Files.writeString(file, left);
        Shell set = configure("--hsts-enabled=true");
        assertThat(set.exitCode()).as(set.err()).isZero();
        assertThat(set.out()).startsWith("Stored hsts-enabled=true in the state store of " + this.dir.resolve("data"));
    }

    @Test
    void urlReachesAPortalWithATokenAndItsPublicCertificateChain() throws Exception {
        try (PortalInstance portal = PortalInstance.start(PortalInstance.settings(this.dir.resolve("data")))) {
            String https = "https://127.0.0.1:" + portal.port("portal.bindings.secure.port");
            String token = portal.api().post("/api/tokens", "{\"name\":\"ops\"}").json().get("token").asString();
            AdminApi.Response chain = AdminApi.anonymous(https.replace("https://", "http://").replace(
                    String.valueOf(portal.port("portal.bindings.secure.port")), String.valueOf(portal.port("portal.bindings.web.port"))))
                .get("/certificates/portal.pem");
            assertThat(chain.status()).as("certificate chains are public").isEqualTo(200);
            assertThat(chain.body()).startsWith("-----BEGIN CERTIFICATE-----").doesNotContain("PRIVATE KEY");
            Path pem = Files.writeString(this.dir.resolve("portal.pem"), chain.body());

            Shell untrusted = run(Map.of("PORTAL_TOKEN", token), "configure", "--show", "--url=" + https);
            assertThat(untrusted.exitCode()).isEqualTo(1);
            assertThat(untrusted.err()).startsWith("The portal at " + https + " cannot be reached: ");

            Shell shown = run(Map.of("PORTAL_TOKEN", token, "PORTAL_CACERT", pem.toString()), "configure", "--show",
                    "--url=" + https);
            assertThat(shown.exitCode()).as(shown.err()).isZero();
            assertThat(shown.out()).containsPattern("hsts-enabled +false +" + CONFIGURED);

            Shell noToken = run(Map.of(), "configure", "--show", "--url=" + https);
            assertThat(noToken.exitCode()).isEqualTo(2);
            assertThat(noToken.err()).startsWith("--url needs an API token of that portal in PORTAL_TOKEN.");
        }
    }

    private void createStore() {
        PortalInstance.start(PortalInstance.settings(this.dir.resolve("data"))).close();
    }

    private Shell configure(String... args) {
        List<String> all = new ArrayList<>(List.of("configure"));
        all.addAll(List.of(args));
        all.add("--portal.data-dir=" + this.dir.resolve("data"));
        return run(Map.of(), all.toArray(String[]::new));
    }

    static Shell run(Map<String, String> environment, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exitCode = PortalCli.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), environment);
        return new Shell(exitCode, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static String line(Shell shell, String setting) {
        return shell.out().lines().filter((line) -> line.startsWith(setting + " ")).findFirst().orElseThrow();
    }

    record Shell(int exitCode, String out, String err) {
    }

}
