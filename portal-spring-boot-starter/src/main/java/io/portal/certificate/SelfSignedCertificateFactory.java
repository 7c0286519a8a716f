package io.portal.certificate;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.regex.Pattern;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Creates self-signed server certificates: one key pair, one certificate that names the
 * given host names and IP addresses, usable only for TLS server authentication.
 */
public class SelfSignedCertificateFactory {

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    /**
     * Backdating of notBefore, so that clients with a slightly slow clock accept the
     * certificate at once.
     */
    private static final Duration BACKDATE = Duration.ofHours(1);

    private final Clock clock;

    private final SecureRandom random = new SecureRandom();

    public SelfSignedCertificateFactory(Clock clock) {
        this.clock = clock;
    }

    /**
     * Generate a certificate.
     * @param commonName the subject's common name
     * @param subjectAlternativeNames DNS names and IP addresses; must not be empty
     * @param keyType the key type
     * @param validity how long it is valid from now
     * @return the certificate and its key
     */
    public CertificateAndKey create(String commonName, List<String> subjectAlternativeNames, KeyType keyType,
            Duration validity) {
        if (subjectAlternativeNames.isEmpty()) {
            throw new IllegalArgumentException("A certificate needs at least one subject alternative name");
        }
        KeyPair keyPair = keyType.generateKeyPair();
        Instant now = this.clock.instant();
        X500Name subject = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.O, "Portal self-signed")
            .addRDN(BCStyle.CN, commonName)
            .build();
        try {
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject, new BigInteger(127, this.random).add(BigInteger.ONE),
                    Date.from(now.minus(BACKDATE)), Date.from(now.plus(validity)), subject, keyPair.getPublic());
            JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            int usage = KeyUsage.digitalSignature | ((keyType == KeyType.EC_P256) ? 0 : KeyUsage.keyEncipherment);
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(usage));
            builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
            builder.addExtension(Extension.subjectAlternativeName, false, generalNames(subjectAlternativeNames));
            builder.addExtension(Extension.subjectKeyIdentifier, false, extensions.createSubjectKeyIdentifier(keyPair.getPublic()));
            ContentSigner signer = new JcaContentSignerBuilder(keyType.signatureAlgorithm()).build(keyPair.getPrivate());
            X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(builder.build(signer));
            return new CertificateAndKey(List.of(certificate), keyPair.getPrivate());
        }
        catch (Exception ex) {
            throw new IllegalStateException("Cannot create a self-signed certificate for " + subjectAlternativeNames, ex);
        }
    }

    private static GeneralNames generalNames(List<String> names) {
        GeneralName[] generalNames = names.stream()
            .map((name) -> isIpAddress(name) ? new GeneralName(GeneralName.iPAddress, name)
                    : new GeneralName(GeneralName.dNSName, name))
            .toArray(GeneralName[]::new);
        return new GeneralNames(generalNames);
    }

    static boolean isIpAddress(String name) {
        return IPV4.matcher(name).matches() || name.contains(":");
    }

}
