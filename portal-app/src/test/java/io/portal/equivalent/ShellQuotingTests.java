package io.portal.equivalent;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every value reaches the command it is given to as one argument, unchanged, whatever it
 * holds: checked by bash itself.
 */
class ShellQuotingTests {

    private static final List<String> VALUES = List.of("plain", "a b", "it's", "\"quoted\"", "$(touch /tmp/owned)",
            "`id`", "${HOME}", "back\\slash", "two\nlines", "tab\there", "semi;colon && more", "*", "~", "-n", "'",
            "''", "é ü 雪", "");

    @Test
    void plainWordsStayAsTheyAre() {
        assertThat(ShellQuoting.quote("extra")).isEqualTo("extra");
        assertThat(ShellQuoting.quote("/api/bindings/extra")).isEqualTo("/api/bindings/extra");
        assertThat(ShellQuoting.quote("https://localhost:8443")).isEqualTo("https://localhost:8443");
    }

    @Test
    void anythingElseIsSingleQuoted() {
        assertThat(ShellQuoting.quote("a b")).isEqualTo("'a b'");
        assertThat(ShellQuoting.quote("it's")).isEqualTo("'it'\\''s'");
        assertThat(ShellQuoting.quote("")).isEqualTo("''");
        assertThat(ShellQuoting.quote(null)).isEqualTo("''");
    }

    @Test
    void bashReceivesEachValueUnchangedAsOneArgument() throws Exception {
        StringBuilder script = new StringBuilder("set -euo pipefail\n");
        for (String value : VALUES) {
            script.append("printf '%s\\0' ").append(ShellQuoting.quote(value)).append('\n');
        }
        String output = bash(script.toString());
        assertThat(output.split("\0", -1)).containsExactlyElementsOf(withEmptyLast(VALUES));
    }

    private static List<String> withEmptyLast(List<String> values) {
        List<String> expected = new java.util.ArrayList<>(values);
        expected.add("");
        return expected;
    }

    static String bash(String script) throws IOException, InterruptedException {
        Process process = new ProcessBuilder("bash", "-c", script).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        byte[] out = process.getInputStream().readAllBytes();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isZero();
        return new String(out, StandardCharsets.UTF_8);
    }

}
