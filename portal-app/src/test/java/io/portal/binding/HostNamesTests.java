package io.portal.binding;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Host names for SNI and generated certificates: DNS names (international ones in ASCII),
 * wildcards where allowed, IP addresses; nothing else.
 */
class HostNamesTests {

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource(textBlock = """
            portal.example.com,     portal.example.com
            Portal.Example.COM,     portal.example.com
            localhost,              localhost
            bücher.example,         xn--bcher-kva.example
            *.example.com,          *.example.com
            10.0.0.5,               10.0.0.5
            ::1,                    0:0:0:0:0:0:0:1
            [::1],                  0:0:0:0:0:0:0:1
            portal.example.com.,    portal.example.com
            """)
    void validNamesAreNormalised(String name, String normal) {
        assertThat(HostNames.normalize(name, true)).hasValue(normal);
    }

    @ParameterizedTest(name = "''{0}'' is refused")
    @ValueSource(strings = { "not a host!", "../..", "", "a..b", "-a.example", "a-.example", "a_b.example", "a.*.example",
            "**.example", "1.2.3", "256.1.1.1", "exa mple.com", "a/b", "a\u0000b", "::g", "[::1" })
    void otherNamesAreRefused(String name) {
        assertThat(HostNames.normalize(name, true)).isEmpty();
    }

    @ParameterizedTest(name = "''{0}'' is refused")
    @ValueSource(strings = { "*.example.com" })
    void wildcardsOnlyWhereAllowed(String name) {
        assertThat(HostNames.normalize(name, false)).isEmpty();
    }

    @ParameterizedTest(name = "a label of {0} characters")
    @ValueSource(ints = { 64, 300 })
    void labelsAndNamesHaveTheirLimits(int length) {
        assertThat(HostNames.normalize("a".repeat(length) + ".example", true)).isEmpty();
    }

}
