package io.portal.server;

import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.portal.testsupport.MissingPart;
import io.portal.testsupport.PortalInstance;
import io.portal.testsupport.TestCertificates;
import io.portal.testsupport.TestCertificates.Issued;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * testssl.sh, an independent TLS scanner, rates an HTTPS binding with the portal's TLS
 * defaults and a certificate from a CA it is told to trust: no finding may be rated
 * MEDIUM or worse (such as "no server cipher order", once rated HIGH). Only the checks
 * that concern the server's own choices run, to keep it short: protocols, cipher
 * categories and order, the certificate, HTTP headers, renegotiation, compression.
 */
class TlsScanTests {

    private static final Path TESTSSL = Path.of("/usr/bin/testssl");

    private static final List<String> TOO_SEVERE = List.of("MEDIUM", "HIGH", "CRITICAL");

    @TempDir
    Path dir;

    @Test
    void testsslFindsNothingRatedMediumOrWorse() throws Exception {
        if (!Files.isExecutable(TESTSSL)) {
            MissingPart.skipOrFail("testssl.sh is not installed (" + TESTSSL + "): apt-get install testssl.sh");
        }
        Issued ca = TestCertificates.ca("Portal Test Root CA");
        Issued leaf = serverCertificate(ca);
        Path chain = TestCertificates.write(this.dir.resolve("chain.pem"), TestCertificates.pem(leaf.chain()));
        Path key = TestCertificates.write(this.dir.resolve("key.pem"), TestCertificates.pem(leaf.key()));
        Path caFile = TestCertificates.write(this.dir.resolve("ca.pem"), TestCertificates.pem(List.of(ca.leaf())));
        Map<String, Object> settings = PortalInstance.settings(this.dir.resolve("data"));
        settings.put("spring.ssl.bundle.pem.scanned.keystore.certificate", "file:" + chain);
        settings.put("spring.ssl.bundle.pem.scanned.keystore.private-key", "file:" + key);
        settings.put("portal.bindings.secure.ssl-bundle", "scanned");
        try (PortalInstance portal = PortalInstance.start(settings)) {
            int port = portal.port("portal.bindings.secure.port");
            Path report = this.dir.resolve("testssl.json");
            List<String> command = List.of(TESTSSL.toString(), "--quiet", "--fast", "--warnings", "off", "--color", "0",
                    "--openssl-timeout", "5", "--add-ca", caFile.toString(), "--jsonfile", report.toString(), "--ip", "127.0.0.1",
                    "-p", "-s", "-P", "-S", "-h", "-R", "-C", "-B", "localhost:" + port);
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(this.dir.resolve("testssl.txt").toFile())
                .start();
            boolean ended = process.waitFor(240, TimeUnit.SECONDS);
            if (!ended) {
                process.destroyForcibly();
            }
            assertThat(ended).as("testssl.sh ended within 4 minutes:\n" + Files.readString(this.dir.resolve("testssl.txt")))
                .isTrue();
            JsonNode findings = JsonMapper.builder().build().readTree(Files.readString(report));
            List<String> severe = new ArrayList<>();
            List<String> ids = new ArrayList<>();
            for (JsonNode finding : findings) {
                ids.add(finding.get("id").asString());
                if (TOO_SEVERE.contains(finding.get("severity").asString())) {
                    severe.add(finding.get("severity").asString() + " " + finding.get("id").asString() + ": "
                            + finding.get("finding").asString());
                }
            }
            assertThat(ids).as("the scan ran its checks").contains("cipher_order", "cert_chain_of_trust", "TLS1");
            assertThat(severe).as("findings rated MEDIUM or worse").isEmpty();
        }
    }

    /**
     * A server certificate as a public CA would issue it: a year of validity, the server
     * authentication purpose and where its revocation list is published (testssl.sh rates
     * a certificate without any as HIGH).
     */
    private static Issued serverCertificate(Issued ca) throws Exception {
        KeyPair keys = TestCertificates.ecKeyPair();
        Instant now = Instant.now();
        JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
                new X500Name(ca.leaf().getSubjectX500Principal().getName()), new BigInteger(64, new SecureRandom()),
                Date.from(now.minus(Duration.ofDays(1))), Date.from(now.plus(Duration.ofDays(365))), new X500Name("CN=localhost"),
                keys.getPublic());
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
        builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
        builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
        builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
                new GeneralName(GeneralName.dNSName, "localhost"), new GeneralName(GeneralName.iPAddress, "127.0.0.1") }));
        GeneralNames crl = new GeneralNames(new GeneralName(GeneralName.uniformResourceIdentifier, "http://127.0.0.1:9/test-ca.crl"));
        builder.addExtension(Extension.cRLDistributionPoints, false,
                new CRLDistPoint(new DistributionPoint[] { new DistributionPoint(new DistributionPointName(crl), null, null) }));
        X509Certificate certificate = new JcaX509CertificateConverter()
            .getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(ca.key())));
        return new Issued(List.of(certificate, ca.leaf()), keys.getPrivate());
    }

}
