package io.portal.acme;

import java.net.URI;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.portal.binding.BindingProperties;
import io.portal.binding.Scheme;
import io.portal.certificate.CertificatesProperties;
import io.portal.certificate.KeyType;
import io.portal.certificate.Pem;
import io.portal.certificate.StoredCertificate;

/**
 * The ACME certificates: those declared in configuration ({@code portal.certificates.<name>.acme}
 * with the account of {@code portal.acme}) and those requested at runtime, kept in the
 * state store with their own CA and account; merged, configuration first. For each: its
 * domains, its account, the spec a stored certificate must match, and for configured
 * ones the startup check that turns settings that cannot work into one clear
 * {@link AcmeConfigurationException}. Thread-safe.
 */
class AcmeCertificateSettings {

    /**
     * The kind recorded in the store for ACME certificates.
     */
    static final String KIND = "acme";

    private final AcmeProperties acme;

    private final CertificatesProperties certificates;

    private final BindingProperties bindings;

    private final AcmeStore store;

    private volatile Map<String, AcmeCertificateDefinition> runtime;

    AcmeCertificateSettings(AcmeProperties acme, CertificatesProperties certificates, BindingProperties bindings,
            AcmeStore store) {
        this.acme = acme;
        this.certificates = certificates;
        this.bindings = bindings;
        this.store = store;
    }

    /**
     * The names of the ACME certificates.
     * @return the names: configured ones in configuration order, then those requested at
     * runtime, oldest first
     */
    List<String> names() {
        List<String> names = new ArrayList<>(configuredNames());
        runtime().keySet().stream().filter((name) -> !names.contains(name)).forEach(names::add);
        return names;
    }

    private List<String> configuredNames() {
        return this.certificates.getCertificates().entrySet().stream()
            .filter((entry) -> entry.getValue().getAcme() != null)
            .map(Map.Entry::getKey)
            .toList();
    }

    boolean isAcme(String name) {
        return isConfigured(name) || runtime().containsKey(name);
    }

    boolean isConfigured(String name) {
        CertificatesProperties.Certificate certificate = this.certificates.getCertificates().get(name);
        return certificate != null && certificate.getAcme() != null;
    }

    /**
     * Whether a certificate was requested at runtime (and not also declared in
     * configuration).
     * @param name the name
     * @return whether it was
     */
    boolean isRuntime(String name) {
        return !isConfigured(name) && runtime().containsKey(name);
    }

    /**
     * The certificates requested at runtime.
     * @return their definitions, oldest first
     */
    List<AcmeCertificateDefinition> runtimeDefinitions() {
        return List.copyOf(runtime().values());
    }

    Optional<AcmeCertificateDefinition> runtimeDefinition(String name) {
        return Optional.ofNullable(runtime().get(name));
    }

    /**
     * Make a certificate requested at runtime known, after it was stored.
     * @param definition its definition
     */
    /**
     * The CA certificates given with the runtime certificates requested from a CA, to
     * trust for that CA's directory only.
     * @param directory the directory URL
     * @return the certificates, empty if none were given
     */
    List<X509Certificate> caRoots(String directory) {
        List<X509Certificate> roots = new ArrayList<>();
        for (AcmeCertificateDefinition definition : runtime().values()) {
            if (directory.equals(definition.directory()) && definition.caCertificates() != null) {
                for (X509Certificate root : Pem.certificates(definition.caCertificates())) {
                    if (!roots.contains(root)) {
                        roots.add(root);
                    }
                }
            }
        }
        return roots;
    }

    synchronized void addRuntime(AcmeCertificateDefinition definition) {
        Map<String, AcmeCertificateDefinition> updated = new LinkedHashMap<>(runtime());
        updated.put(definition.name(), definition);
        this.runtime = updated;
    }

    synchronized void removeRuntime(String name) {
        Map<String, AcmeCertificateDefinition> updated = new LinkedHashMap<>(runtime());
        updated.remove(name);
        this.runtime = updated;
    }

    private Map<String, AcmeCertificateDefinition> runtime() {
        Map<String, AcmeCertificateDefinition> current = this.runtime;
        if (current == null) {
            synchronized (this) {
                current = this.runtime;
                if (current == null) {
                    current = new LinkedHashMap<>();
                    for (AcmeCertificateDefinition definition : this.store.findDefinitions()) {
                        current.put(definition.name(), definition);
                    }
                    this.runtime = current;
                }
            }
        }
        return current;
    }

    /**
     * The domains of a certificate, normalized.
     * @param name the certificate's name
     * @return the domains, in the order given
     */
    List<String> domains(String name) {
        if (isConfigured(name)) {
            return AcmeDomains.normalize(this.certificates.getCertificates().get(name).getAcme().getDomains());
        }
        return requireRuntime(name).domains();
    }

    /**
     * The CA and account a certificate is obtained with.
     * @param name the certificate's name
     * @return the account settings
     */
    AccountSettings account(String name) {
        if (isConfigured(name)) {
            return configuredAccount();
        }
        AcmeCertificateDefinition definition = requireRuntime(name);
        return account(definition.directory(), definition.email());
    }

    /**
     * The account of {@code portal.acme}.
     * @return its settings
     */
    AccountSettings configuredAccount() {
        return new AccountSettings(this.acme.directoryUrl(), this.acme.getEmail(), this.acme.isAcceptTermsOfService(),
                this.acme.getExternalAccount());
    }

    /**
     * The settings of an account whose terms were accepted, with the external account
     * binding where the directory is the configured one.
     * @param directory the directory URL
     * @param email the contact address, or {@code null}
     * @return the account settings
     */
    AccountSettings account(String directory, String email) {
        return new AccountSettings(directory, email, true,
                directory.equals(this.acme.directoryUrl()) ? this.acme.getExternalAccount() : null);
    }

    /**
     * What a stored certificate must have been obtained with to be kept: the CA, the
     * domains, the key type and the profile. Changing any of them obtains a new one.
     * @param name the certificate's name
     * @return the spec
     */
    String spec(String name) {
        return "directory=" + account(name).directory() + ";domains=" + String.join(",", domains(name)) + ";key-type="
                + this.acme.getKeyType().id() + ";profile=" + Optional.ofNullable(this.acme.getProfile()).orElse("");
    }

    KeyType keyType() {
        return this.acme.getKeyType();
    }

    boolean fits(String name, StoredCertificate stored) {
        return KIND.equals(stored.kind()) && spec(name).equals(stored.spec());
    }

    IssueRequest request(String name, StoredCertificate replacing) {
        return new IssueRequest(name, domains(name), this.acme.getKeyType(), this.acme.getProfile(),
                (replacing != null && KIND.equals(replacing.kind())) ? replacing.material().leaf() : null, account(name));
    }

    private AcmeCertificateDefinition requireRuntime(String name) {
        AcmeCertificateDefinition definition = runtime().get(name);
        if (definition == null) {
            throw new IllegalArgumentException("There is no ACME certificate '" + name + "'.");
        }
        return definition;
    }

    /**
     * Check the settings of one certificate and of the CA account.
     * @param name the certificate's name
     * @param termsOfService looks up the CA's terms, for the message when they are not
     * accepted
     * @throws AcmeConfigurationException for the first problem found
     */
    void check(String name, java.util.function.Supplier<Optional<String>> termsOfService) {
        checkDomains(name);
        checkDirectory();
        checkExternalAccount();
        String email = this.acme.getEmail();
        if (email != null && !email.isBlank() && !AcmeDomains.isEmailAddress(email)) {
            throw new AcmeConfigurationException("portal.acme.email", "portal.acme.email ('" + email
                    + "') is not an email address.", "Set portal.acme.email to an address such as ops@example.com, or remove it.");
        }
        checkHttpBinding(name);
        if (this.acme.getTrustStore() != null && !this.acme.getTrustStore().isBlank()) {
            AcmeTrust.extraCertificates(this.acme.getTrustStore(), this.acme.getTrustStorePassword());
        }
        if (!this.acme.isAcceptTermsOfService()) {
            String terms = termsOfService.get().map((url) -> "the terms of service at " + url)
                .orElse("the CA's terms of service (" + this.acme.directoryUrl() + " did not say where they are)");
            throw new AcmeConfigurationException("portal.acme.accept-terms-of-service", "Certificate '" + name
                    + "' (portal.certificates." + name + ".acme) needs an account at " + this.acme.directoryUrl()
                    + ", and the CA only creates one for those who accept " + terms + ".",
                    "Read " + terms + " and, if you accept them, set portal.acme.accept-terms-of-service=true.");
        }
    }

    private void checkDomains(String name) {
        String setting = "portal.certificates." + name + ".acme.domains";
        List<String> domains = domains(name);
        if (domains.isEmpty()) {
            throw new AcmeConfigurationException(setting, "Certificate '" + name + "' (" + setting + ") names no domain.",
                    "List the domain names that point at this portal, for example " + setting + "=portal.example.com.");
        }
        List<String> problems = AcmeDomains.problems(domains);
        if (!problems.isEmpty()) {
            throw new AcmeConfigurationException(setting, "Certificate '" + name + "' (" + setting + ") cannot be obtained: "
                    + String.join("; ", problems) + ".", "List only domain names such as portal.example.com in " + setting + ".");
        }
    }

    private void checkDirectory() {
        String url = this.acme.directoryUrl();
        URI uri = null;
        try {
            uri = (url != null) ? URI.create(url) : null;
        }
        catch (IllegalArgumentException ex) {
            // reported below
        }
        if (uri == null || uri.getHost() == null || !("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()))) {
            throw new AcmeConfigurationException("portal.acme.directory", "portal.acme.directory ('" + this.acme.getDirectory()
                    + "') is neither letsencrypt, letsencrypt-staging nor the URL of an ACME directory.",
                    "Set portal.acme.directory to letsencrypt, letsencrypt-staging, or your CA's directory URL "
                            + "(such as https://acme.example.com/directory).");
        }
    }

    private void checkExternalAccount() {
        AcmeProperties.ExternalAccount eab = this.acme.getExternalAccount();
        boolean keyId = eab.getKeyId() != null && !eab.getKeyId().isBlank();
        boolean hmac = eab.getHmacKey() != null && !eab.getHmacKey().isBlank();
        if (keyId != hmac) {
            String missing = keyId ? "hmac-key" : "key-id";
            throw new AcmeConfigurationException("portal.acme.external-account." + missing, "The external account binding "
                    + "is incomplete: portal.acme.external-account." + missing + " is not set.",
                    "Set both portal.acme.external-account.key-id and portal.acme.external-account.hmac-key to the values "
                            + "your CA gave you, or neither.");
        }
        if (hmac) {
            try {
                byte[] key = Base64.getUrlDecoder().decode(eab.getHmacKey().trim().replace('+', '-').replace('/', '_').replace("=", ""));
                if (key.length < 16) {
                    throw new IllegalArgumentException("too short");
                }
            }
            catch (IllegalArgumentException ex) {
                throw new AcmeConfigurationException("portal.acme.external-account.hmac-key", "portal.acme.external-account.hmac-key "
                        + "is not a base64url-encoded key of at least 16 bytes.", "Copy the HMAC key exactly as your CA shows "
                                + "it (base64url, such as 'zWNDZM6eQGHWpSRTPal5eIUYFTu7EajVIoguysqZ9wG4...').");
            }
        }
    }

    private void checkHttpBinding(String name) {
        boolean http = this.bindings.getBindings().values().stream()
            .anyMatch((listener) -> listener.isEnabled() && listener.getScheme() == Scheme.HTTP);
        if (!http) {
            throw new AcmeConfigurationException("portal.bindings", "Certificate '" + name + "' is validated by the CA over "
                    + "plain HTTP (HTTP-01 challenge on port 80), but no HTTP binding is enabled to answer it.",
                    "Enable an HTTP binding, such as portal.bindings.web (scheme http), and make port 80 of the domains "
                            + "reach it.");
        }
    }

}
