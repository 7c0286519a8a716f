package io.portal.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import io.portal.testsupport.AdminApi;
import io.portal.testsupport.FreePorts;
import io.portal.testsupport.PortalProcess;
import io.portal.testsupport.TestPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every shell command of the packaged jar against a portal running as its own process, as
 * an operator runs them: from the portal's working directory, on the embedded H2 store and
 * on PostgreSQL; after the portal was killed, on its store; from a directory without a
 * store, nothing at all; and never a stack trace.
 */
class ShellProcessTests {

    private static final Duration SHELL = Duration.ofMinutes(3);

    private static final String PASSWORD = "process-admin-password";

    /**
     * Logged once the portal has left its address for the shell.
     */
    private static final Pattern READY = Pattern.compile("The shell commands on this machine reach the admin API at");

    @TempDir
    Path dir;

    @Test
    void everyShellCommandWorksAgainstARunningPortalOnTheEmbeddedStore() {
        shellAgainstARunningPortal(new LinkedHashMap<>());
    }

    @Test
    void everyShellCommandWorksAgainstARunningPortalOnPostgresql() {
        try (TestPostgres.Schema schema = TestPostgres.schema()) {
            shellAgainstARunningPortal(schema.configure(new LinkedHashMap<>()));
        }
    }

    @Test
    void fromADirectoryWithoutAStoreEachCommandExitsWithTwoAndCreatesNothing() throws Exception {
        Path empty = Files.createDirectories(this.dir.resolve("empty"));
        for (String[] command : List.of(new String[] { "configure", "--hstsEnabled=true", "--hstsMaxAge=31536000" },
                new String[] { "bindings", "list" }, new String[] { "certificates", "renew", "public" })) {
            PortalProcess.Result result = PortalProcess.runToEnd(empty, Map.of(), SHELL, command);
            assertThat(result.exitCode()).as(String.join(" ", command)).isEqualTo(2);
            assertThat(result.output()).as(String.join(" ", command))
                .contains("No portal found: no running portal left its address in " + empty.resolve("data/local-api.properties")
                        + ", and there is no state store at " + empty.resolve("data/portal.mv.db"))
                .doesNotContain("\tat ");
        }
        try (Stream<Path> files = Files.list(empty)) {
            assertThat(files.map((f) -> f.getFileName().toString())).as("only the test's own logs").allMatch((name) -> name
                .startsWith("portal-") && name.endsWith(".log"));
        }
    }

    @Test
    void aMalformedConfigurationIsOneLineWithWhereItIsNotAStackTrace() throws Exception {
        Path broken = Files.createDirectories(this.dir.resolve("broken"));
        Files.writeString(broken.resolve("application.yml"), "portal:\n  hsts:\n    max-age: [oops\n");
        PortalProcess.Result result = PortalProcess.runToEnd(broken, Map.of(), SHELL, "configure", "--show");
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.output().strip().lines()).singleElement().asString().startsWith("configure failed: ")
            .contains("line 3, column 14");
    }

    private void shellAgainstARunningPortal(Map<String, Object> store) {
        Path work = this.dir.resolve("portal");
        int http = FreePorts.next();
        int https = FreePorts.next();
        Map<String, Object> settings = new LinkedHashMap<>(store);
        settings.put("portal.bindings.web.port", http);
        settings.put("portal.bindings.secure.port", https);
        Map<String, String> environment = Map.of("PORTAL_ADMIN_PASSWORD", PASSWORD);
        AdminApi api = AdminApi.basic("http://127.0.0.1:" + http, "admin", PASSWORD);
        try (PortalProcess portal = PortalProcess.run(work, environment, settings)) {
            portal.awaitLog(READY, Duration.ofSeconds(30));
            assertThat(work.resolve("data").resolve(LocalApiFile.NAME)).exists();

            PortalProcess.Result hsts = shell(work, store, "configure", "--hstsEnabled=true", "--hstsMaxAge=31536000");
            assertThat(hsts.exitCode()).as(hsts.output()).isZero();
            assertThat(hsts.output()).contains("Changed hsts-enabled=true, hsts-max-age=365d on the portal running in ");
            JsonNode listed = api.get("/api/settings/https").json();
            List<String> warnings = new ArrayList<>();
            listed.get("warnings").forEach((w) -> warnings.add("Warning: " + w.get("message").asString() + " Fix: "
                    + w.get("fix").asString()));
            assertThat(listed.get("warnings").findValuesAsString("code")).contains("hsts-untrusted-certificate");
            assertThat(hsts.output().lines().filter((line) -> line.startsWith("Warning: "))).containsExactlyElementsOf(warnings);

            PortalProcess.Result show = shell(work, store, "configure", "--show");
            assertThat(show.output()).containsPattern("hsts-enabled +true +changed by admin \\(token 'shell'\\) through the API at "
                    + "\\S+Z \\(overrides default: false\\)");

            PortalProcess.Result list = shell(work, store, "bindings", "list");
            assertThat(list.exitCode()).as(list.output()).isZero();
            assertThat(list.output()).containsPattern("secure +running +https +\\* +" + https + " +portal +configuration")
                .containsPattern("web +running +http +\\* +" + http + " +- +configuration");
            PortalProcess.Result secure = shell(work, store, "bindings", "show", "secure");
            assertThat(secure.output()).containsPattern("sslBundle +portal").containsPattern("origin +configuration");

            PortalProcess.Result renew = shell(work, store, "certificates", "renew", "portal");
            assertThat(renew.exitCode()).isEqualTo(1);
            assertThat(renew.output()).contains("Certificate 'portal' is not obtained from an ACME CA");

            PortalProcess.Result badValue = shell(work, store, "configure", "--hsts-max-age=soon");
            assertThat(badValue.exitCode()).isEqualTo(2);
            assertThat(badValue.output().strip()).isEqualTo("Invalid option --hsts-max-age=soon: 'soon' is not a duration; give "
                    + "seconds (31536000) or a duration such as 1h, 365d or 1y. Nothing was changed.");
            PortalProcess.Result badPort = shell(work, store, "bindings", "set", "secure", "--port=x");
            assertThat(badPort.exitCode()).isEqualTo(2);
            assertThat(badPort.output().strip().lines()).hasSize(1);

            portal.kill();
            PortalProcess.Result stored = shell(work, store, "configure", "--hsts-max-age=2h");
            assertThat(stored.exitCode()).as(stored.output()).isZero();
            assertThat(stored.output()).contains("Stored hsts-max-age=2h in the state store of " + work.resolve("data")
                    + "; no portal runs there now, it applies them when it starts");
        }
        try (PortalProcess portal = PortalProcess.run(work, environment, settings)) {
            portal.awaitLog(READY, Duration.ofSeconds(30));
            JsonNode restarted = api.get("/api/settings/https").json();
            assertThat(restarted.get("hstsMaxAge").asString()).isEqualTo("2h");
            assertThat(restarted.at("/sources/hstsMaxAge").asString()).startsWith("changed by " + System.getProperty("user.name")
                    + " with configure at ");
            PortalProcess.Result again = shell(work, store, "configure", "--hsts-enabled=false");
            assertThat(again.output()).as("the restarted portal replaced the file").contains("on the portal running in");
            assertThat(portal.stop()).isIn(0, 143);
        }
        assertThat(work.resolve("data").resolve(LocalApiFile.NAME)).as("removed at a graceful stop").doesNotExist();
    }

    /**
     * A command run the way an operator runs it in the portal's directory: with the same
     * store options as the portal (for PostgreSQL, the datasource).
     */
    private static PortalProcess.Result shell(Path work, Map<String, Object> store, String... command) {
        List<String> args = new ArrayList<>(List.of(command));
        store.forEach((key, value) -> args.add("--" + key + "=" + value));
        PortalProcess.Result result = PortalProcess.runToEnd(work, Map.of(), SHELL, args.toArray(String[]::new));
        assertThat(result.output()).as("no stack trace").doesNotContain("\tat ").doesNotContain("Exception");
        return result;
    }

}
