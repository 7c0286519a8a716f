package io.portal.system;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.io.FileSystemResource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

class MalformedConfigurationFailureAnalyzerTests {

    @TempDir
    Path dir;

    @Test
    void aBadIndentIsShownWithFileLineColumnAndTheFix() throws Exception {
        FailureAnalysis analysis = analyze("portal:\n  bindings:\n    web:\n      port: 8080\n     secure: x\n");
        assertThat(analysis.getDescription()).startsWith(this.dir.resolve("application.yml") + " is not valid YAML at line 5, column 6: ")
            .contains("secure: x");
        assertThat(analysis.getAction()).contains("Check the indentation and the colons at line 5 of ");
    }

    @Test
    void aTabIsShownWithItsLine() throws Exception {
        FailureAnalysis analysis = analyze("portal:\n\tname: x\n");
        assertThat(analysis.getDescription()).contains("at line 2, column 1");
        assertThat(analysis.getAction()).startsWith("Replace the tab at line 2 of ").endsWith("with spaces: YAML indents with spaces only.");
    }

    @Test
    void aKeySetTwiceIsShown() throws Exception {
        FailureAnalysis analysis = analyze("portal:\n  name: a\n  name: b\n");
        assertThat(analysis.getDescription()).contains("line 3").contains("duplicate key name");
        assertThat(analysis.getAction()).startsWith("Set each key once per block");
    }

    @Test
    void anUnclosedBracketIsShownWhereItOpens() throws Exception {
        FailureAnalysis analysis = analyze("portal:\n  hsts:\n    max-age: [oops\n");
        assertThat(analysis.getDescription()).contains("(what it was reading began at line 3, column 14)").contains("[oops");
        assertThat(analysis.getAction()).startsWith("Close the bracket or quote that opens at line 3, column 14 of ");
    }

    @Test
    void anUnclosedQuoteIsShown() throws Exception {
        FailureAnalysis analysis = analyze("portal:\n  name: \"Shop\n  data-dir: x\n");
        assertThat(analysis.getDescription()).contains("is not valid YAML at line");
        assertThat(analysis.getAction()).isNotBlank();
    }

    @Test
    void otherFailuresAreLeftToOtherAnalyzers() {
        assertThat(new MalformedConfigurationFailureAnalyzer().analyze(new IllegalStateException("wrapped",
                new IllegalArgumentException("application.yml is not valid YAML")))).isNull();
    }

    private FailureAnalysis analyze(String yaml) throws Exception {
        Path file = this.dir.resolve("application.yml");
        Files.writeString(file, yaml, StandardCharsets.UTF_8);
        Throwable failure = catchThrowable(() -> new NamingYamlPropertySourceLoader().load("application.yml", new FileSystemResource(file)));
        assertThat(failure).isInstanceOf(NamingYamlPropertySourceLoader.MalformedConfigurationException.class);
        return new MalformedConfigurationFailureAnalyzer().analyze(new IllegalStateException("wrapped", failure));
    }

}
