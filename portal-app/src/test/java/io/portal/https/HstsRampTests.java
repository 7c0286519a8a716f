package io.portal.https;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class HstsRampTests {

    private static final List<String> HEALTHY = List.of();

    private static final List<String> SELF_SIGNED = List.of("binding 'secure' serves SSL bundle 'portal' and it is self-signed");

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));

    private final HstsStateStore store = new HstsStateStore(new EmbeddedStore().jdbc());

    private final HstsRamp ramp = new HstsRamp(this.store, this.clock);

    private final HttpsSettings rampToAYear = new HttpsSettings(true, 308, true, Duration.ofDays(365), false, false, true);

    @Test
    void theRampStartsAtFiveMinutesAndClimbsOnceEachStepHasPassedWithoutProblems() {
        this.ramp.update(this.rampToAYear, HEALTHY);
        assertThat(this.ramp.maxAge(this.rampToAYear)).isEqualTo(Duration.ofMinutes(5));
        this.clock.advance(Duration.ofMinutes(5).minusSeconds(1));
        this.ramp.update(this.rampToAYear, HEALTHY);
        assertThat(this.ramp.maxAge(this.rampToAYear)).isEqualTo(Duration.ofMinutes(5));
        List<Duration> seen = new java.util.ArrayList<>();
        this.clock.advance(Duration.ofSeconds(1));
        for (int i = 0; i < 8; i++) {
            this.ramp.update(this.rampToAYear, HEALTHY);
            Duration current = this.ramp.maxAge(this.rampToAYear);
            seen.add(current);
            this.clock.advance(current);
        }
        assertThat(seen).containsExactly(Duration.ofHours(1), Duration.ofDays(1), Duration.ofDays(7), Duration.ofDays(30),
                Duration.ofDays(365), Duration.ofDays(365), Duration.ofDays(365), Duration.ofDays(365));
    }

    @Test
    void theStepsEndAtTheConfiguredMaxAge() {
        assertThat(HstsRamp.steps(Duration.ofHours(2))).containsExactly(Duration.ofMinutes(5), Duration.ofHours(1),
                Duration.ofHours(2));
        assertThat(HstsRamp.steps(Duration.ofDays(1))).containsExactly(Duration.ofMinutes(5), Duration.ofHours(1),
                Duration.ofDays(1));
    }

    @Test
    void anUntrustedCertificateSendsTheRampBackToTheFirstStepAndTheCountRestartsWhenItIsFixed() {
        climbTo(Duration.ofDays(1));
        this.ramp.update(this.rampToAYear, SELF_SIGNED);
        assertThat(this.ramp.maxAge(this.rampToAYear)).isEqualTo(Duration.ofMinutes(5));
        this.clock.advance(Duration.ofHours(2));
        this.ramp.update(this.rampToAYear, SELF_SIGNED);
        assertThat(this.ramp.maxAge(this.rampToAYear)).isEqualTo(Duration.ofMinutes(5));
        this.ramp.update(this.rampToAYear, HEALTHY);
        this.clock.advance(Duration.ofMinutes(4));
        this.ramp.update(this.rampToAYear, HEALTHY);
        assertThat(this.ramp.maxAge(this.rampToAYear)).isEqualTo(Duration.ofMinutes(5));
        this.clock.advance(Duration.ofMinutes(1));
        this.ramp.update(this.rampToAYear, HEALTHY);
        assertThat(this.ramp.maxAge(this.rampToAYear)).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void theCurrentStepIsKeptInTheStoreAcrossARestart() {
        climbTo(Duration.ofDays(7));
        HstsRamp restarted = new HstsRamp(this.store, this.clock);
        assertThat(restarted.maxAge(this.rampToAYear)).isEqualTo(Duration.ofDays(7));
        assertThat(this.store.load().rampMaxAge()).isEqualTo(Duration.ofDays(7));
    }

    @Test
    void aLowerConfiguredMaxAgeTakesEffectAtOnce() {
        climbTo(Duration.ofDays(7));
        HttpsSettings lower = this.rampToAYear.with(HttpsSetting.HSTS_MAX_AGE, Duration.ofHours(1));
        assertThat(this.ramp.maxAge(lower)).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void withoutTheRampTheConfiguredMaxAgeIsSentAndTheTimeHstsWasSwitchedOnIsRemembered() {
        HttpsSettings plain = this.rampToAYear.with(HttpsSetting.HSTS_RAMP, false);
        this.ramp.update(plain, HEALTHY);
        assertThat(this.ramp.maxAge(plain)).isEqualTo(Duration.ofDays(365));
        assertThat(this.ramp.enabledSince()).isEqualTo(this.clock.instant());
        this.clock.advance(Duration.ofHours(3));
        this.ramp.update(plain, HEALTHY);
        assertThat(this.store.load().enabledSince()).isEqualTo(this.clock.instant().minus(Duration.ofHours(3)));
        this.ramp.update(plain.with(HttpsSetting.HSTS_ENABLED, false), HEALTHY);
        assertThat(this.ramp.enabledSince()).isNull();
        assertThat(this.store.load()).isEqualTo(HstsStateStore.State.NONE);
    }

    @Test
    void switchingHstsOffAndOnStartsTheRampAgain() {
        climbTo(Duration.ofDays(1));
        this.ramp.update(this.rampToAYear.with(HttpsSetting.HSTS_ENABLED, false), HEALTHY);
        this.ramp.update(this.rampToAYear, HEALTHY);
        assertThat(this.ramp.maxAge(this.rampToAYear)).isEqualTo(Duration.ofMinutes(5));
    }

    private void climbTo(Duration step) {
        this.ramp.update(this.rampToAYear, HEALTHY);
        while (!this.ramp.maxAge(this.rampToAYear).equals(step)) {
            this.clock.advance(this.ramp.maxAge(this.rampToAYear));
            this.ramp.update(this.rampToAYear, HEALTHY);
        }
    }

}
