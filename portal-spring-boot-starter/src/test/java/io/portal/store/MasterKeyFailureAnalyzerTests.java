package io.portal.store;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.BeanCreationException;
import org.springframework.boot.diagnostics.FailureAnalysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class MasterKeyFailureAnalyzerTests {

    private final MasterKeyFailureAnalyzer analyzer = new MasterKeyFailureAnalyzer();

    @TempDir
    Path dataDir;

    @Test
    void aMalformedKeyIsNamedWithItsSourceAndHowToMakeOne() {
        MasterKeyException invalid = load("not base64 at all!", new InMemoryMetadata());
        FailureAnalysis analysis = this.analyzer.analyze(new BeanCreationException("masterKey", "Error creating bean", invalid));
        assertThat(analysis.getDescription()).isEqualTo("The master key from PORTAL_MASTER_KEY (portal.master-key) is not valid base64.");
        assertThat(analysis.getAction()).contains("32 random bytes in base64").contains("openssl rand -base64 32");
        assertThat(analysis.getCause()).isSameAs(invalid);
    }

    @Test
    void aMissingKeyForAnEncryptedStoreSaysToRestoreIt() {
        InMemoryMetadata metadata = new InMemoryMetadata();
        metadata.putIfAbsent(MasterKeyLoader.KEY_ID, "k-1234");
        MasterKeyException missing = load(null, metadata);
        FailureAnalysis analysis = this.analyzer.analyze(new BeanCreationException("masterKey", "Error creating bean", missing));
        assertThat(analysis.getDescription()).startsWith("The master key is missing: neither PORTAL_MASTER_KEY nor "
                + this.dataDir.toAbsolutePath().normalize().resolve("master.key")).contains("master key k-1234");
        assertThat(analysis.getAction()).startsWith("Restore the key: put the backed-up master.key back into the data directory");
    }

    @Test
    void otherFailuresAreLeftToOtherAnalyzers() {
        assertThat(this.analyzer.analyze(new BeanCreationException("masterKey", "Error creating bean", new IllegalStateException("key")))).isNull();
    }

    private MasterKeyException load(String configuredKey, PortalMetadata metadata) {
        return catchThrowableOfType(MasterKeyException.class, () -> new MasterKeyLoader(configuredKey, this.dataDir, metadata).load());
    }

    private static final class InMemoryMetadata extends PortalMetadata {

        private final Map<String, String> values = new HashMap<>();

        InMemoryMetadata() {
            super(null);
        }

        @Override
        public Optional<String> get(String name) {
            return Optional.ofNullable(this.values.get(name));
        }

        @Override
        public String putIfAbsent(String name, String value) {
            return this.values.computeIfAbsent(name, (key) -> value);
        }

    }

}
