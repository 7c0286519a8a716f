package io.portal.binding;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An override holds only the fields that differ from the configuration, each with who
 * changed it when; the other fields follow the configuration.
 */
class BindingOverrideTests {

    private static final Instant MONDAY = Instant.parse("2026-03-02T10:00:00Z");

    private static final Instant TUESDAY = Instant.parse("2026-03-03T10:00:00Z");

    private final BindingValues configured = new BindingValues(true, Scheme.HTTPS, null, 8443, "portal", Map.of(), List.of(),
            List.of(), null);

    @Test
    void onlyTheFieldsThatDifferAreKept() {
        BindingValues desired = this.configured.with(BindingField.SSL_BUNDLE, "public");
        BindingOverride override = BindingOverride.none("secure").next(this.configured, desired, "admin", MONDAY);
        assertThat(override.fields()).containsOnlyKeys(BindingField.SSL_BUNDLE);
        assertThat(override.fields().get(BindingField.SSL_BUNDLE)).isEqualTo(new BindingOverride.Change("public", "admin", MONDAY));
        assertThat(override.applyTo(this.configured.with(BindingField.PORT, 443)).port())
            .as("a field not overridden follows the configuration").isEqualTo(443);
    }

    @Test
    void aFieldChangedAgainGetsItsNewAuthorAndAnUnchangedOneKeepsItsOwn() {
        BindingOverride monday = BindingOverride.none("secure").next(this.configured,
                this.configured.with(BindingField.SSL_BUNDLE, "public"), "alice", MONDAY);
        BindingOverride tuesday = monday.next(this.configured,
                monday.applyTo(this.configured).with(BindingField.PROTOCOLS, List.of("TLSv1.3")), "bob", TUESDAY);
        assertThat(tuesday.fields().get(BindingField.SSL_BUNDLE).changedBy()).isEqualTo("alice");
        assertThat(tuesday.fields().get(BindingField.PROTOCOLS)).isEqualTo(new BindingOverride.Change(List.of("TLSv1.3"), "bob",
                TUESDAY));
    }

    @Test
    void settingAFieldBackToItsConfiguredValueRemovesItFromTheOverride() {
        BindingOverride changed = BindingOverride.none("secure").next(this.configured,
                this.configured.with(BindingField.SSL_BUNDLE, "public"), "admin", MONDAY);
        assertThat(changed.next(this.configured, this.configured, "admin", TUESDAY).isEmpty()).isTrue();
    }

    @Test
    void disablingIsAnOverrideOfEnabled() {
        BindingOverride disabled = BindingOverride.none("web").next(this.configured,
                this.configured.with(BindingField.ENABLED, false), "admin", MONDAY);
        assertThat(disabled.fields()).containsOnlyKeys(BindingField.ENABLED);
        assertThat(disabled.applyTo(this.configured).enabled()).isFalse();
    }

}
