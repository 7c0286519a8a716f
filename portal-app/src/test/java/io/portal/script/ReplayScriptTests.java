package io.portal.script;

import io.portal.equivalent.ApiCall;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shape of a replayable script: strict bash, this portal by default and any other
 * through {@code PORTAL_URL}, a token from {@code PORTAL_TOKEN} with a word on how to make
 * one, and the portal's public certificate chain as what curl trusts.
 */
class ReplayScriptTests {

    private static final ScriptTarget TARGET = new ScriptTarget("https://portal.example.com:8443", "portal");

    @Test
    void aScriptStopsAtTheFirstErrorAndSaysHowToGetAToken() {
        String bash = ReplayScript.bash("Add binding 'extra'", TARGET,
                List.of(ApiCall.json("POST", ApiCall.path("api", "bindings"), "application/json", "{\"name\":\"extra\"}").curl()),
                List.of());
        assertThat(bash).startsWith("#!/usr/bin/env bash\n# Add binding 'extra'.\n")
            .contains("\nset -euo pipefail\n")
            .contains("\nPORTAL_URL=${PORTAL_URL:-https://portal.example.com:8443}\n")
            .contains("-u admin -H 'Content-Type: application/json' -d '{\"name\":\"scripts\"}' https://portal.example.com:8443/api/tokens")
            .contains(": \"${PORTAL_TOKEN:?Set PORTAL_TOKEN to an API token of the portal")
            .contains("curl --fail --silent --show-error --insecure --output \"$PORTAL_CACERT\" \"$PORTAL_URL\"/certificates/portal.pem")
            .endsWith("${PORTAL_CACERT:+--cacert \"$PORTAL_CACERT\"} -H \"Authorization: Bearer $PORTAL_TOKEN\" -X POST "
                    + "-H 'Content-Type: application/json' --data-binary '{\"name\":\"extra\"}' \"$PORTAL_URL\"/api/bindings\n");
    }

    @Test
    void aScriptWithoutATokenStopsBeforeCallingThePortal() throws Exception {
        String bash = ReplayScript.bash("Delete", new ScriptTarget("https://127.0.0.1:1", "portal"),
                List.of("echo called"), List.of());
        ProcessBuilder builder = new ProcessBuilder("bash", "-c", bash).redirectErrorStream(true);
        builder.environment().remove("PORTAL_TOKEN");
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor()).isNotZero();
        assertThat(output).contains("PORTAL_TOKEN: Set PORTAL_TOKEN to an API token of the portal").doesNotContain("called");
    }

    @Test
    void inputsAreCheckedBeforeAnyCall() throws Exception {
        String bash = ReplayScript.bash("Import", new ScriptTarget("http://127.0.0.1:1", null), List.of("echo called"),
                List.of(ScriptInput.file("PFX_FILE", "it's here.pfx", "the PFX file"),
                        ScriptInput.required("PFX_PASSWORD", "the password of the PFX file")));
        assertThat(bash).contains("PFX_FILE=${PFX_FILE:-'it'\\''s here.pfx'}").doesNotContain("certificates/");
        ProcessBuilder builder = new ProcessBuilder("bash", "-c", bash).redirectErrorStream(true);
        builder.environment().put("PORTAL_TOKEN", "ptk_x_y");
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor()).isEqualTo(1);
        assertThat(output.strip()).isEqualTo("Cannot read the file in PFX_FILE; set PFX_FILE to the PFX file.");
    }

    @Test
    void commentsCannotBeEndedByAValue() {
        String bash = ReplayScript.bash("Add binding 'a\nrm -rf /'", TARGET, List.of(), List.of());
        assertThat(bash.lines()).noneMatch((line) -> line.startsWith("rm "));
    }

}
