package io.portal.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.portal.testsupport.FreePorts;
import io.portal.testsupport.PortalProcess;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged portal, started with a bad configuration, stops at once: a non-zero exit
 * code, one message that names the setting and the fix, and no wall of stack trace. One
 * row per kind of mistake; rows run three at a time, each its own JVM.
 */
class StartupConfigurationProcessTests {

    private static final List<Case> CASES = List.of(
            new Case("typo at the top level").args("--portal.bindngs.web.port=8081")
                .expect("portal.bindngs.web.port", "Rename portal.bindngs.web.port to portal.bindings.web.port."),
            new Case("typo inside a binding, in application.yml").yaml("""
                    portal:
                      bindings:
                        secure:
                          ssl-bundel: public
                    """).expect("portal.bindings.secure.ssl-bundel (application.yml line 4, column 19)",
                    "to portal.bindings.secure.ssl-bundle."),
            new Case("typo inside a certificate").args("--portal.certificates.portal.self-signed.key-typ=rsa-2048")
                .expect("portal.certificates.portal.self-signed.key-typ", "to portal.certificates.portal.self-signed.key-type."),
            new Case("typo in the ACME block, as an environment variable").env("PORTAL_ACME_EMIAL", "ops@example.com")
                .expect("PORTAL_ACME_EMIAL (environment variable", "Rename PORTAL_ACME_EMIAL to PORTAL_ACME_EMAIL."),
            new Case("typo in the HSTS block").args("--portal.hsts.max-agee=1h")
                .expect("command-line option --portal.hsts.max-agee", "to portal.hsts.max-age."),
            new Case("typo in the admin block").args("--portal.admin.max-failed-login=3")
                .expect("portal.admin.max-failed-login", "to portal.admin.max-failed-logins."),
            new Case("a duration that is not one").args("--portal.hsts.max-age=a year")
                .expect("portal.hsts.max-age (command-line option --portal.hsts.max-age) cannot be used: 'a year' is not a duration",
                        "a duration such as 30s, 5m, 1h30m, 365d or 1y"),
            new Case("a duration in application.yml").yaml("portal:\n  acme:\n    timeout: 30 seconds\n")
                .expect("portal.acme.timeout (application.yml line 3, column 14)", "a duration such as"),
            new Case("a zero interval").args("--portal.acme.poll-interval=0s")
                .expect("portal.acme.poll-interval (command-line option --portal.acme.poll-interval) is 0s",
                        "must be at least 100ms, such as 5s (the default)"),
            new Case("a zero refresh").env("PORTAL_SETTINGS_REFRESH", "0")
                .expect("portal.settings-refresh (environment variable PORTAL_SETTINGS_REFRESH) is 0s", "must be at least 100ms"),
            new Case("a negative count").args("--portal.admin.max-failed-logins=-1")
                .expect("portal.admin.max-failed-logins", "must be 1 or more, such as 5 (the default)"),
            new Case("malformed YAML").yaml("portal:\n  bindings:\n    web:\n      port: 8080\n     secure: { port: 8443 }\n")
                .expect("application.yml is not valid YAML at line 5, column 6", "Check the indentation and the colons at line 5"),
            new Case("a tab in YAML").yaml("portal:\n\tname: Shop\n")
                .expect("application.yml is not valid YAML at line 2, column 1", "Replace the tab at line 2"),
            new Case("an impossible protocol").args("--portal.bindings.secure.protocols=TLSv1")
                .expect("'TLSv1'", "Use TLSv1.2 and/or TLSv1.3 in portal.bindings.secure.protocols"));

    @TempDir
    Path dir;

    @Test
    void eachBadConfigurationStopsTheStartWithOneMessageThatNamesTheSettingAndTheFix() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(3);
        Map<Case, Future<PortalProcess.Result>> runs = new LinkedHashMap<>();
        for (int i = 0; i < CASES.size(); i++) {
            Case row = CASES.get(i);
            Path workingDirectory = this.dir.resolve("case-" + i);
            runs.put(row, pool.submit(() -> row.run(workingDirectory)));
        }
        pool.shutdown();
        SoftAssertions softly = new SoftAssertions();
        for (Map.Entry<Case, Future<PortalProcess.Result>> run : runs.entrySet()) {
            Case row = run.getKey();
            PortalProcess.Result result = run.getValue().get();
            String output = result.output();
            softly.assertThat(result.exitCode()).as(row.name + ": exit code\n" + output).isNotZero();
            softly.assertThat(output).as(row.name).contains("APPLICATION FAILED TO START");
            for (String expected : row.expected) {
                softly.assertThat(output).as(row.name).contains(expected);
            }
            long stackLines = output.lines().filter((line) -> line.matches("\\s+at [\\w.$]+\\(.*")).count();
            softly.assertThat(stackLines).as(row.name + ": stack-trace lines\n" + output).isLessThan(10);
        }
        softly.assertAll();
    }

    /**
     * One bad configuration and what the operator must read.
     */
    static final class Case {

        final String name;

        final List<String> args = new ArrayList<>();

        final Map<String, String> env = new LinkedHashMap<>();

        final List<String> expected = new ArrayList<>();

        String yaml;

        Case(String name) {
            this.name = name;
        }

        Case args(String... args) {
            this.args.addAll(List.of(args));
            return this;
        }

        Case env(String name, String value) {
            this.env.put(name, value);
            return this;
        }

        Case yaml(String yaml) {
            this.yaml = yaml;
            return this;
        }

        Case expect(String... texts) {
            this.expected.addAll(List.of(texts));
            return this;
        }

        PortalProcess.Result run(Path workingDirectory) {
            try {
                Files.createDirectories(workingDirectory);
                if (this.yaml != null) {
                    Files.writeString(workingDirectory.resolve("application.yml"), this.yaml);
                }
            }
            catch (IOException ex) {
                throw new UncheckedIOException(ex);
            }
            List<String> all = new ArrayList<>(this.args);
            // Should a row start by mistake, it must not take the ports of anything else.
            all.add("--portal.bindings.web.port=" + FreePorts.next());
            if (this.args.stream().noneMatch((arg) -> arg.startsWith("--portal.bindings.secure.port"))) {
                all.add("--portal.bindings.secure.port=" + FreePorts.next());
            }
            return PortalProcess.runToEnd(workingDirectory, this.env, Duration.ofSeconds(120), all.toArray(String[]::new));
        }

        @Override
        public String toString() {
            return this.name;
        }

    }

}
