package io.portal.system;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class EchoTests {

    @Test
    void aValueIsRepeatedAtMostAHundredCharactersLong() {
        assertThat(Echo.of("shop")).isEqualTo("shop");
        assertThat(Echo.of("x".repeat(100))).isEqualTo("x".repeat(100));
        assertThat(Echo.of("x".repeat(10_485_760))).isEqualTo("x".repeat(100) + "... (10485760 characters)");
        assertThat(Echo.of(null)).isNull();
    }

    @Test
    void aMessageBuiltElsewhereHasEachLongWordShortenedAndStaysBounded() {
        String name = "n".repeat(10_485_760);
        String message = "Binding name '" + name + "' is invalid: '" + name + "' has too many characters.";
        String bounded = Echo.within(message);
        assertThat(bounded).hasSizeLessThan(400).startsWith("Binding name '" + "n".repeat(99)).endsWith("has too many characters.");
        assertThat(Echo.within("a b ".repeat(2000))).hasSizeLessThanOrEqualTo(Echo.MAX_MESSAGE_LENGTH + 40);
    }

}
