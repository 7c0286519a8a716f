package io.portal.https;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ForceHttpsFilterTests {

    @Test
    void theLocationKeepsHostPathAndQueryAndNamesTheHttpsBindingsPort() {
        assertThat(ForceHttpsFilter.location("portal.test", 8080, 8080, 8443, "/a/b%20c", "x=1&y=2"))
            .isEqualTo("https://portal.test:8443/a/b%20c?x=1&y=2");
    }

    @Test
    void theStandardPortIsLeftOut() {
        assertThat(ForceHttpsFilter.location("portal.test", 80, 80, 443, "/", null)).isEqualTo("https://portal.test/");
    }

    @Test
    void aRequestForwardedFromPort80GoesToTheStandardHttpsPort() {
        assertThat(ForceHttpsFilter.location("portal.test", 80, 8080, 8443, "/x", null)).isEqualTo("https://portal.test/x");
    }

    @Test
    void anIpv6HostKeepsItsBrackets() {
        assertThat(ForceHttpsFilter.location("[::1]", 8080, 8080, 8443, "/", null)).isEqualTo("https://[::1]:8443/");
        assertThat(ForceHttpsFilter.location("::1", 8080, 8080, 8443, "/", null)).isEqualTo("https://[::1]:8443/");
    }

}
