package io.portal.acme;

import java.nio.file.Path;
import java.util.Map;

import io.portal.testsupport.PortalInstance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * ACME settings that cannot work stop startup with one description that names the
 * setting, the cause and the fix. None of these needs the CA.
 */
@ExtendWith(OutputCaptureExtension.class)
class AcmeSettingsTests {

    @TempDir
    Path dir;

    private Map<String, Object> settings;

    @BeforeEach
    void setUp() {
        this.settings = PortalInstance.settings(this.dir.resolve("data"));
        this.settings.put("portal.acme.directory", "https://127.0.0.1:9/dir");
        this.settings.put("portal.acme.accept-terms-of-service", true);
        this.settings.put("portal.certificates.public.acme.domains", "portal.example.com");
        this.settings.put("portal.bindings.secure.ssl-bundle", "public");
    }

    @Test
    void aCertificateWithoutDomains(CapturedOutput output) {
        this.settings.put("portal.certificates.public.acme.domains", "");
        assertFailure(output, "Certificate 'public' (portal.certificates.public.acme.domains) names no domain.",
                "List the domain names that point at this portal, for example portal.certificates.public.acme.domains=portal.example.com.");
    }

    @Test
    void wildcardsAndIpAddressesWhichHttp01CannotValidate(CapturedOutput output) {
        this.settings.put("portal.certificates.public.acme.domains", "*.example.com,10.0.0.5,bad_name.example.com");
        assertFailure(output, "Certificate 'public' (portal.certificates.public.acme.domains) cannot be obtained: "
                + "'*.example.com' is a wildcard, which CAs only validate with DNS-01 challenges, and the portal answers HTTP-01; "
                + "'10.0.0.5' is an IP address; public CAs issue for domain names; 'bad_name.example.com' is not a domain name.",
                "List only domain names such as portal.example.com in portal.certificates.public.acme.domains.");
    }

    @Test
    void aDirectoryThatIsNeitherANameNorAUrl(CapturedOutput output) {
        this.settings.put("portal.acme.directory", "lets-encrypt");
        assertFailure(output, "portal.acme.directory ('lets-encrypt') is neither letsencrypt, letsencrypt-staging nor the URL of an ACME directory.",
                "Set portal.acme.directory to letsencrypt, letsencrypt-staging, or your CA's directory URL");
    }

    @Test
    void aTrustStoreThatDoesNotExist(CapturedOutput output) {
        this.settings.put("portal.acme.trust-store", "file:" + this.dir.resolve("missing.pem"));
        assertFailure(output, "The ACME trust store file:" + this.dir.resolve("missing.pem") + " (portal.acme.trust-store) does not exist.",
                "Correct the path in portal.acme.trust-store");
    }

    @Test
    void anExternalAccountKeyIdWithoutItsHmacKey(CapturedOutput output) {
        this.settings.put("portal.acme.external-account.key-id", "kid-1");
        assertFailure(output, "The external account binding is incomplete: portal.acme.external-account.hmac-key is not set.",
                "Set both portal.acme.external-account.key-id and portal.acme.external-account.hmac-key");
    }

    @Test
    void anHmacKeyThatIsNotBase64UrlIsRefusedWithoutBeingShown(CapturedOutput output) {
        this.settings.put("portal.acme.external-account.key-id", "kid-1");
        this.settings.put("portal.acme.external-account.hmac-key", "not*a*key");
        assertFailure(output, "portal.acme.external-account.hmac-key is not a base64url-encoded key of at least 16 bytes.",
                "Copy the HMAC key exactly as your CA shows it");
        assertThat(output).doesNotContain("not*a*key");
    }

    @Test
    void noHttpBindingToAnswerTheChallenge(CapturedOutput output) {
        this.settings.put("portal.bindings.web.enabled", false);
        assertFailure(output, "Certificate 'public' is validated by the CA over plain HTTP (HTTP-01 challenge on port 80), "
                + "but no HTTP binding is enabled to answer it.", "Enable an HTTP binding, such as portal.bindings.web");
    }

    @Test
    void aCertificateDeclaredBothSelfSignedAndAcme(CapturedOutput output) {
        this.settings.put("portal.certificates.public.self-signed.key-type", "ec-p256");
        assertFailure(output, "SSL bundle 'public' (portal.certificates.public) cannot be used: it declares two kinds of "
                + "certificate (self-signed and acme).", "Keep only one of portal.certificates.public.self-signed and "
                + "portal.certificates.public.acme.");
    }

    private void assertFailure(CapturedOutput output, String description, String action) {
        PortalInstance.startExpectingFailure(this.settings);
        String text = output.toString();
        assertThat(text).contains("APPLICATION FAILED TO START");
        String report = text.substring(text.lastIndexOf("APPLICATION FAILED TO START"));
        assertThat(report).contains("Description:").contains(description);
        assertThat(report.substring(report.indexOf("Action:"))).contains(action);
    }

}
