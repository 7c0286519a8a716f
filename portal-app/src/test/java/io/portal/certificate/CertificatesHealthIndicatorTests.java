package io.portal.certificate;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import io.portal.testsupport.TestCertificates;
import io.portal.testsupport.TestCertificates.Issued;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.boot.autoconfigure.ssl.SslProperties;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The verdicts of the certificates health component, without a running portal.
 */
class CertificatesHealthIndicatorTests {

    private final Instant now = Instant.parse("2026-06-01T00:00:00Z");

    private final Clock clock = Clock.fixed(this.now, ZoneOffset.UTC);

    private final Issued ca = TestCertificates.ca("Indicator test CA");

    private final PortalSslBundleRegistry registry = new PortalSslBundleRegistry();

    private final StaticListableBeanFactory beans = new StaticListableBeanFactory();

    private final CertificateCatalog catalog = new CertificateCatalog(this.registry,
            new CertificateInspector(new BundleOrigins(new SslProperties(), new CertificatesProperties()), this.clock));

    @Test
    void aValidCertificateIsUp() {
        register("site", this.now.minus(Duration.ofDays(1)), this.now.plus(Duration.ofDays(60)));

        assertThat(health(Duration.ofDays(14)).getStatus()).isEqualTo(Status.UP);
    }

    @Test
    void expiredNotYetValidAndExpiringCertificatesAreWarningsNeverDown() {
        register("expired", this.now.minus(Duration.ofDays(60)), this.now.minus(Duration.ofDays(1)));
        register("future", this.now.plus(Duration.ofDays(1)), this.now.plus(Duration.ofDays(60)));
        register("soon", this.now.minus(Duration.ofDays(60)), this.now.plus(Duration.ofDays(10)));
        this.beans.addBean("listeners", listeners(false, "expired"));

        Health health = health(Duration.ofDays(14));

        assertThat(health.getStatus()).isEqualTo(CertificatesHealthIndicator.WARNING);
        assertThat(health.getDetails()).containsKeys("expired", "future", "soon");
        assertThat(health.getDetails().get("expired").toString()).contains("expired on").contains("servedBy=[secure]");
        assertThat(health.getDetails().get("future").toString()).contains("not valid until");
        assertThat(health.getDetails().get("soon").toString()).contains("expires in 10 days");
    }

    @Test
    void theThresholdDecidesWhatExpiresSoon() {
        register("soon", this.now.minus(Duration.ofDays(60)), this.now.plus(Duration.ofDays(10)));

        assertThat(health(Duration.ofDays(7)).getStatus()).isEqualTo(Status.UP);
        assertThat(health(Duration.ofDays(11)).getStatus()).isEqualTo(CertificatesHealthIndicator.WARNING);
    }

    @Test
    void whenNoHttpsBindingListensThePortalCannotServeAndIsDown() {
        register("site", this.now.minus(Duration.ofDays(1)), this.now.plus(Duration.ofDays(60)));
        this.beans.addBean("listeners", listeners(true));

        Health health = health(Duration.ofDays(14));

        assertThat(health.getStatus()).isEqualTo(Status.DOWN);
        assertThat(health.getDetails().get("listeners").toString()).contains("binding 'secure' does not listen: port taken");
    }

    @Test
    void aRemovedBundleLeavesTheReport() {
        register("gone", this.now.minus(Duration.ofDays(60)), this.now.minus(Duration.ofDays(1)));
        this.registry.unregister("gone");

        Health health = health(Duration.ofDays(14));

        assertThat(health.getStatus()).isEqualTo(Status.UP);
        assertThat(health.getDetails()).doesNotContainKey("gone");
    }

    private Health health(Duration threshold) {
        return new CertificatesHealthIndicator(this.catalog, (bundle) -> java.util.Optional.empty(),
                this.beans.getBeanProvider(ServedBundles.class), new ExpiryWarning(threshold), this.clock).health();
    }

    private void register(String name, Instant notBefore, Instant notAfter) {
        Issued leaf = TestCertificates.leaf(this.ca, notBefore, notAfter, name + ".portal.test");
        this.registry.registerBundle(name, new CertificateAndKey(leaf.chain(), leaf.key()).toSslBundle());
    }

    private static ServedBundles listeners(boolean noneListens, String... served) {
        return new ServedBundles() {

            @Override
            public List<String> servedBy(String bundle) {
                return List.of(served).contains(bundle) ? List.of("secure") : List.of();
            }

            @Override
            public List<String> failedHttpsBindings() {
                return noneListens ? List.of("binding 'secure' does not listen: port taken") : List.of();
            }

            @Override
            public boolean noHttpsListener() {
                return noneListens;
            }

        };
    }

}
