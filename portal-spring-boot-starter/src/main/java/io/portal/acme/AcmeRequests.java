package io.portal.acme;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import io.portal.binding.Binding;
import io.portal.binding.BindingPlan;
import io.portal.equivalent.ApiCall;
import io.portal.equivalent.ConfigurationYaml;
import tools.jackson.databind.json.JsonMapper;

/**
 * Checks a request for an ACME certificate and plans it, without changing anything: the
 * same checks, in the same words, for the dry run, the real request and the wizard.
 */
class AcmeRequests {

    private static final JsonMapper json = JsonMapper.builder().build();

    /**
     * Where configuration that declares a certificate from a private CA expects its root.
     */
    private static final String PRIVATE_ROOT_FILE = "/etc/portal/acme-ca.pem";

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

    private static final Pattern EMAIL = Pattern.compile("[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)+");

    /**
     * Let's Encrypt issues for 100 names per certificate at most.
     */
    static final int MAX_DOMAINS = 100;

    private static final List<String> NON_PUBLIC_SUFFIXES = List.of(".local", ".localhost", ".internal", ".lan", ".home",
            ".test", ".example", ".invalid", ".corp");

    private final AcmeCertificateSettings settings;

    private final AcmeSessions sessions;

    private final AcmeAccounts accounts;

    private final Supplier<Collection<String>> bundleNames;

    private final Supplier<List<Binding>> bindings;

    AcmeRequests(AcmeCertificateSettings settings, AcmeSessions sessions, AcmeAccounts accounts,
            Supplier<Collection<String>> bundleNames, Supplier<List<Binding>> bindings) {
        this.settings = settings;
        this.sessions = sessions;
        this.accounts = accounts;
        this.bundleNames = bundleNames;
        this.bindings = bindings;
    }

    /**
     * The directory URL a request's CA choice stands for.
     * @param directory letsencrypt, letsencrypt-staging, a URL, or blank for the configured
     * @return the URL
     */
    String directoryUrl(String directory) {
        return (directory == null || directory.isBlank()) ? this.settings.configuredAccount().directory()
                : AcmeProperties.directoryUrl(directory);
    }

    /**
     * Check a request and plan it. Reads the CA's directory (for its terms of service);
     * changes nothing.
     * @param request the request
     * @param apiBase the API's base URL, for the script
     * @return the plan
     * @throws AcmeRequestException for the first problem found
     */
    AcmePlan plan(AcmeCertificateRequest request, String apiBase) {
        String name = checkName(request.name());
        List<String> domains = checkDomains(name, request.domains());
        String email = checkEmail(request.email());
        String directoryUrl = checkDirectory(request.directory());
        List<Binding> http = this.bindings.get().stream().filter((b) -> !b.isHttps()).toList();
        if (http.isEmpty()) {
            throw new AcmeRequestException(AcmeRequestException.Reason.CONFLICT, null, "Certificate '" + name
                    + "' is validated by the CA over plain HTTP (HTTP-01 challenge on port 80), but no HTTP binding is "
                    + "enabled to answer it.", "Add an HTTP binding (scheme http), on port 80 or with port 80 forwarded to "
                            + "it, then request the certificate again.");
        }
        AcmeDirectory directory = describe(directoryUrl, AcmeTrust.pemText(request.caCertificates()));
        AccountSettings account = this.settings.account(directoryUrl, email);
        if (directory.externalAccountRequired() && !account.hasExternalAccount()) {
            throw new AcmeRequestException(AcmeRequestException.Reason.INVALID, "directory", "The CA at " + directoryUrl
                    + " only creates accounts with an external account binding, which the portal has for "
                    + "portal.acme.directory alone.", "Set portal.acme.directory to " + directoryUrl
                            + " and portal.acme.external-account.key-id and hmac-key to the values the CA gave you, "
                            + "or choose another CA.");
        }
        String terms = (directory.termsOfService() != null) ? "the terms of service at " + directory.termsOfService()
                : "the CA's terms of service (" + directoryUrl + " does not say where they are)";
        if (!request.termsAccepted()) {
            throw new AcmeRequestException(AcmeRequestException.Reason.INVALID, "acceptTermsOfService", "Certificate '" + name
                    + "' needs an account at " + directoryUrl + ", and the CA only creates one for those who accept " + terms
                    + ".", "Read " + terms + " and, if you accept them, request the certificate again accepting them.",
                    directory.termsOfService());
        }
        List<X509Certificate> roots = AcmeTrust.pemText(request.caCertificates());
        return plan(name, domains, directory, email, http, this.accounts.exists(account), terms,
                roots.isEmpty() ? null : AcmeTrust.pem(roots));
    }

    /**
     * Plan a renewal now of an existing ACME certificate, without changing anything or
     * contacting the CA.
     * @param name the certificate's name
     * @param apiBase the API's base URL, for the script
     * @return the plan
     */
    AcmePlan renewalPlan(String name, String apiBase) {
        List<String> domains = this.settings.domains(name);
        AccountSettings account = this.settings.account(name);
        List<Binding> http = this.bindings.get().stream().filter((b) -> !b.isHttps()).toList();
        String contact = (account.email() != null) ? " (contact " + account.email() + ")" : "";
        List<BindingPlan.Step> steps = new ArrayList<>();
        steps.add(new BindingPlan.Step("account", null, this.accounts.exists(account)
                ? "Use the stored ACME account at " + account.directory() + contact
                : "Create an ACME account at " + account.directory() + contact));
        steps.add(new BindingPlan.Step("order", null, "Order a new certificate for " + String.join(", ", domains) + " from "
                + account.directory()));
        for (Binding binding : http) {
            steps.add(new BindingPlan.Step("answer-challenge", binding.name(), "Answer the CA's HTTP-01 challenge for each "
                    + "domain on HTTP binding '" + binding.name() + "' (port " + binding.port() + ")"));
        }
        steps.add(new BindingPlan.Step("swap-certificate", null, "Swap the new certificate in, live (bindings using '" + name
                + "' serve it to new connections, open ones carry on); if anything fails, the current certificate stays"));
        List<String> warnings = http.isEmpty() ? List.of("No HTTP binding is enabled to answer the CA's HTTP-01 challenge: "
                + "the renewal will fail.") : List.of();
        return new AcmePlan(name, domains, new AcmeDirectory(account.directory(), null, null, false), account.email(),
                "Renew ACME certificate '" + name + "' now", List.copyOf(steps), warnings,
                List.of(ApiCall.of("POST", ApiCall.path("api", "certificates", name, "renew")).curl()), null);
    }

    /**
     * What a CA's directory says.
     * @param directoryUrl the directory URL
     * @return the description
     * @throws AcmeRequestException if it cannot be read
     */
    AcmeDirectory describe(String directoryUrl) {
        return describe(directoryUrl, List.of());
    }

    /**
     * What a CA's directory says, trusting some more roots for this CA.
     * @param directoryUrl the directory URL
     * @param caRoots roots given for this CA, not stored yet
     * @return the description
     * @throws AcmeRequestException if it cannot be read
     */
    AcmeDirectory describe(String directoryUrl, List<X509Certificate> caRoots) {
        try {
            return this.sessions.describe(directoryUrl, caRoots);
        }
        catch (IssuanceException ex) {
            throw new AcmeRequestException(AcmeRequestException.Reason.CA_UNREACHABLE, "directory", ex.getMessage() + ".",
                    "Check the directory URL, and that this machine can reach the CA over HTTPS (firewall, proxy).");
        }
    }

    private String checkName(String requested) {
        String name = (requested != null) ? requested.trim() : "";
        if (name.isEmpty()) {
            throw new AcmeRequestException(AcmeRequestException.Reason.INVALID, "name", "The certificate needs a name.",
                    "Give it a name of lower-case letters, digits and dashes, such as shop.");
        }
        if (!NAME.matcher(name).matches()) {
            throw new AcmeRequestException(AcmeRequestException.Reason.INVALID, "name", "'" + name
                    + "' is not a valid certificate name.",
                    "Use 1 to 63 lower-case letters, digits and dashes, starting with a letter or digit.");
        }
        if (this.bundleNames.get().contains(name) || this.settings.isAcme(name)) {
            throw new AcmeRequestException(AcmeRequestException.Reason.CONFLICT, "name", "A certificate named '" + name
                    + "' already exists.", "Choose another name, or delete the existing certificate first.");
        }
        return name;
    }

    private static List<String> checkDomains(String name, List<String> requested) {
        List<String> domains = AcmeDomains.normalize(requested);
        if (domains.isEmpty()) {
            throw new AcmeRequestException(AcmeRequestException.Reason.INVALID, "domains", "Certificate '" + name
                    + "' names no domain.", "List the domain names that point at this portal, such as portal.example.com.");
        }
        List<String> problems = AcmeDomains.problems(domains);
        if (!problems.isEmpty()) {
            throw new AcmeRequestException(AcmeRequestException.Reason.INVALID, "domains", "Certificate '" + name
                    + "' cannot be obtained: " + String.join("; ", problems) + ".",
                    "List only domain names such as portal.example.com.");
        }
        if (domains.size() > MAX_DOMAINS) {
            throw new AcmeRequestException(AcmeRequestException.Reason.INVALID, "domains", "Certificate '" + name
                    + "' names " + domains.size() + " domains; CAs issue for " + MAX_DOMAINS + " at most.",
                    "Split the domains over several certificates.");
        }
        return domains;
    }

    private static String checkEmail(String email) {
        if (email == null || email.isBlank()) {
            return null;
        }
        if (!EMAIL.matcher(email.trim()).matches()) {
            throw new AcmeRequestException(AcmeRequestException.Reason.INVALID, "email", "'" + email.trim()
                    + "' is not an email address.", "Give an address such as ops@example.com, or none.");
        }
        return email.trim();
    }

    String checkDirectory(String directory) {
        String url = directoryUrl(directory);
        URI uri = null;
        try {
            uri = (url != null) ? URI.create(url) : null;
        }
        catch (IllegalArgumentException ex) {
            // reported below
        }
        if (uri != null && uri.getHost() != null && "http".equals(uri.getScheme()) && !isLoopback(uri.getHost())) {
            throw new AcmeRequestException(AcmeRequestException.Reason.INVALID, "directory", "'" + url + "' is a plain "
                    + "HTTP address on another machine; the portal talks to ACME CAs over HTTPS only (plain HTTP only to a "
                    + "CA on this machine, such as a test CA on localhost).", "Give the CA's https:// directory URL.");
        }
        if (uri == null || uri.getHost() == null || !("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()))) {
            throw new AcmeRequestException(AcmeRequestException.Reason.INVALID, "directory", "'"
                    + ((directory != null && !directory.isBlank()) ? directory.trim() : url) + "' is neither letsencrypt, letsencrypt-staging nor the URL of an ACME directory.",
                    "Choose letsencrypt or letsencrypt-staging, or give your CA's directory URL (such as "
                            + "https://acme.example.com/directory).");
        }
        return url;
    }

    /**
     * Whether a host is this machine's loopback, by name or address, without a DNS look-up
     * that could be pointed elsewhere.
     */
    static boolean isLoopback(String host) {
        String bare = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        if ("localhost".equalsIgnoreCase(bare)) {
            return true;
        }
        if (!bare.matches("[0-9.]+") && !bare.contains(":")) {
            return false;
        }
        try {
            return InetAddress.getByName(bare).isLoopbackAddress();
        }
        catch (UnknownHostException ex) {
            return false;
        }
    }

    private static AcmePlan plan(String name, List<String> domains, AcmeDirectory directory, String email, List<Binding> http,
            boolean accountExists, String terms, String caCertificates) {
        String ca = directory.url();
        String contact = (email != null) ? " (contact " + email + ")" : "";
        List<BindingPlan.Step> steps = new ArrayList<>();
        steps.add(new BindingPlan.Step("serve-temporary-certificate", null, "Serve a temporary self-signed certificate for "
                + String.join(", ", domains) + " as certificate '" + name + "' at once, so that bindings can use it until the "
                + "CA issues the real one"));
        steps.add(new BindingPlan.Step("account", null, accountExists ? "Use the stored ACME account at " + ca + contact
                : "Create an ACME account at " + ca + contact + ", accepting " + terms));
        steps.add(new BindingPlan.Step("order", null, "Order a certificate for " + String.join(", ", domains) + " from " + ca));
        for (Binding binding : http) {
            steps.add(new BindingPlan.Step("answer-challenge", binding.name(), "Answer the CA's HTTP-01 challenge for each "
                    + "domain (http://DOMAIN/.well-known/acme-challenge/...) on HTTP binding '" + binding.name() + "' (port "
                    + binding.port() + ")"));
        }
        steps.add(new BindingPlan.Step("swap-certificate", null, "Swap the issued certificate in for the temporary one, live "
                + "(bindings using '" + name + "' serve it to new connections, open ones carry on), and renew it before it "
                + "expires"));
        return new AcmePlan(name, domains, directory, email, "Request an ACME certificate '" + name + "' for "
                + String.join(", ", domains) + " from " + ca, List.copyOf(steps), warnings(domains, ca, http),
                List.of(curl(name, domains, ca, email, caCertificates)), yaml(name, domains, ca, email, caCertificates != null));
    }

    private static List<String> warnings(List<String> domains, String ca, List<Binding> http) {
        List<String> warnings = new ArrayList<>();
        if (http.stream().noneMatch((b) -> b.port() == 80)) {
            warnings.add("The CA connects to port 80 of each domain, and no HTTP binding listens on port 80: forward port 80 "
                    + "from the internet to " + String.join(" or ", http.stream().map((b) -> "binding '" + b.name() + "' (port "
                    + b.port() + ")").toList()) + ", or add an HTTP binding on port 80.");
        }
        if (AcmeProperties.LETSENCRYPT_STAGING.equals(ca)) {
            warnings.add("Let's Encrypt's staging CA issues certificates that browsers do not trust: use it to try things "
                    + "out, then request the certificate from Let's Encrypt itself.");
        }
        if (AcmeProperties.LETSENCRYPT.equals(ca) || AcmeProperties.LETSENCRYPT_STAGING.equals(ca)) {
            for (String domain : domains) {
                String lower = domain.toLowerCase(Locale.ROOT);
                if (!lower.contains(".") || NON_PUBLIC_SUFFIXES.stream().anyMatch(lower::endsWith)) {
                    warnings.add("Let's Encrypt only issues for public domain names, and '" + domain
                            + "' is not one: the order will be refused.");
                }
            }
        }
        return List.copyOf(warnings);
    }

    private static String curl(String name, List<String> domains, String ca, String email, String caCertificates) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("domains", domains);
        body.put("directory", ca);
        if (email != null) {
            body.put("email", email);
        }
        body.put("acceptTermsOfService", true);
        if (caCertificates != null) {
            body.put("caCertificates", caCertificates);
        }
        return ApiCall.json("POST", ApiCall.path("api", "certificates", "acme"), "application/json",
                json.writeValueAsString(body)).curl();
    }

    private static String yaml(String name, List<String> domains, String ca, String email, boolean privateRoot) {
        ConfigurationYaml yaml = new ConfigurationYaml();
        declaration(name, domains, ca, email, privateRoot).forEach((property, value) -> yaml.put(value, property.split("\\.")));
        if (privateRoot) {
            yaml.placeholder(PRIVATE_ROOT_FILE + ": the root certificate (PEM) of the CA at " + ca
                    + ", given with the request");
        }
        return yaml.render();
    }

    /**
     * The configuration that declares an ACME certificate.
     * @param name the certificate's name
     * @param domains its domains
     * @param ca the CA's directory URL
     * @param email the contact address, or {@code null}
     * @param privateRoot whether the CA's TLS certificate is signed by a root given with the
     * request (configuration trusts it through a file, a placeholder)
     * @return values by property name
     */
    static Map<String, Object> declaration(String name, List<String> domains, String ca, String email, boolean privateRoot) {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("portal.acme.directory", ca);
        if (privateRoot) {
            properties.put("portal.acme.trust-store", "file:" + PRIVATE_ROOT_FILE);
        }
        if (email != null) {
            properties.put("portal.acme.email", email);
        }
        properties.put("portal.acme.accept-terms-of-service", true);
        properties.put("portal.certificates." + name + ".acme.domains", List.copyOf(domains));
        return properties;
    }

}
