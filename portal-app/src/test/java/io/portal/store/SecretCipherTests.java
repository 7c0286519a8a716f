package io.portal.store;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class SecretCipherTests {

    private final MasterKey key = new MasterKey(bytes(7));

    private final SecretCipher cipher = new SecretCipher(this.key);

    @Test
    void aSealedSecretOpensWithTheSameKeyAndContext() {
        String sealed = this.cipher.seal("certificate:web", "secret".getBytes(StandardCharsets.UTF_8));
        assertThat(sealed).doesNotContain("secret");
        assertThat(new String(this.cipher.open("certificate:web", sealed), StandardCharsets.UTF_8)).isEqualTo("secret");
    }

    @Test
    void sealingTwiceGivesDifferentCiphertexts() {
        byte[] secret = "secret".getBytes(StandardCharsets.UTF_8);
        assertThat(this.cipher.seal("c", secret)).isNotEqualTo(this.cipher.seal("c", secret));
    }

    @Test
    void aSecretMovedToAnotherRecordDoesNotOpen() {
        String sealed = this.cipher.seal("certificate:web", "secret".getBytes(StandardCharsets.UTF_8));
        assertThatExceptionOfType(SecretUnreadableException.class).isThrownBy(() -> this.cipher.open("certificate:api", sealed))
            .withMessageContaining("authentication tag does not verify");
    }

    @Test
    void anotherMasterKeyIsNamedInsteadOfProducingGarbage() {
        String sealed = this.cipher.seal("c", "secret".getBytes(StandardCharsets.UTF_8));
        SecretCipher other = new SecretCipher(new MasterKey(bytes(8)));
        assertThatExceptionOfType(SecretUnreadableException.class).isThrownBy(() -> other.open("c", sealed))
            .withMessageContaining("was encrypted with master key " + this.key.id());
    }

    @Test
    void aTamperedValueIsDetected() {
        byte[] sealed = Base64.getDecoder().decode(this.cipher.seal("c", "secret".getBytes(StandardCharsets.UTF_8)));
        sealed[sealed.length - 1] ^= 1;
        assertThatExceptionOfType(SecretUnreadableException.class)
            .isThrownBy(() -> this.cipher.open("c", Base64.getEncoder().encodeToString(sealed)));
    }

    @Test
    void theKeyIdentifierRevealsNothingOfTheKey() {
        assertThat(this.key.id()).hasSize(16).isNotEqualTo(java.util.HexFormat.of().formatHex(bytes(7)).substring(0, 16));
        assertThat(this.key.toString()).doesNotContain(Base64.getEncoder().encodeToString(bytes(7)));
    }

    private static byte[] bytes(int seed) {
        byte[] bytes = new byte[32];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) (seed * 31 + i);
        }
        return bytes;
    }

}
