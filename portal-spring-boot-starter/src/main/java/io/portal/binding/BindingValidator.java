package io.portal.binding;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

/**
 * Checks bindings before anything listens: names, ports, addresses, certificates and TLS
 * settings each alone, then the bindings together (no two on one port and address).
 * Stateless and thread-safe.
 */
public class BindingValidator {

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

    /**
     * The TLS protocols a binding may ask for.
     */
    public static final List<String> PROTOCOLS = List.of("TLSv1.2", "TLSv1.3");

    private final SSLParameters supported;

    public BindingValidator() {
        try {
            this.supported = SSLContext.getDefault().getSupportedSSLParameters();
        }
        catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException("This JVM has no default TLS implementation", ex);
        }
    }

    /**
     * Check a set of bindings.
     * @param bindings the bindings
     * @param bundles the names of the SSL bundles that exist
     * @throws InvalidBindingException for the first problem found
     */
    public void validate(Collection<Binding> bindings, Set<String> bundles) {
        validate(bindings, bundles, List.of());
    }

    /**
     * Check a set of bindings that will run beside others (which are checked on their
     * own): redirect targets may be among the others.
     * @param bindings the bindings
     * @param bundles the names of the SSL bundles that exist
     * @param others other bindings that may be redirect targets
     * @throws InvalidBindingException for the first problem found
     */
    public void validate(Collection<Binding> bindings, Set<String> bundles, Collection<Binding> others) {
        if (bindings.isEmpty()) {
            throw new InvalidBindingException("(none)", "port", "cannot be found: no binding is enabled, so the portal would not listen at all",
                    "Enable at least one binding under portal.bindings, for example portal.bindings.web.port=8080.");
        }
        for (Binding binding : bindings) {
            validate(binding, bundles);
        }
        List<Binding> list = List.copyOf(bindings);
        for (int i = 0; i < list.size(); i++) {
            for (int j = i + 1; j < list.size(); j++) {
                checkNoClash(list.get(i), list.get(j));
            }
        }
        List<Binding> targets = new java.util.ArrayList<>(list);
        targets.addAll(others);
        for (Binding binding : list) {
            checkRedirectTarget(binding, targets);
        }
    }

    /**
     * Check a binding that is to join others that already run.
     * @param candidate the new or changed binding
     * @param others the other bindings (not including the candidate's previous version)
     * @param bundles the names of the SSL bundles that exist
     * @throws InvalidBindingException if the candidate is invalid or clashes with another
     */
    public void validateAgainst(Binding candidate, Collection<Binding> others, Set<String> bundles) {
        validate(candidate, bundles);
        for (Binding other : others) {
            checkNoClash(other, candidate);
        }
        List<Binding> all = new java.util.ArrayList<>(others);
        all.add(candidate);
        checkRedirectTarget(candidate, all);
    }

    /**
     * Check one binding on its own.
     * @param binding the binding
     * @param bundles the names of the SSL bundles that exist
     * @throws InvalidBindingException if it cannot be used
     */
    public void validate(Binding binding, Set<String> bundles) {
        String name = binding.name();
        if (!NAME.matcher(name).matches()) {
            throw new InvalidBindingException(name, "name", "has an invalid name",
                    "Use 1 to 63 lower-case letters, digits and dashes, starting with a letter or digit.");
        }
        if (binding.port() < 1 || binding.port() > 65535) {
            throw new InvalidBindingException(name, "port", "has port " + binding.port() + ", which is outside 1-65535",
                    "Set " + setting(binding, "port") + " to a port between 1 and 65535, such as "
                            + (binding.isHttps() ? "443 or 8443" : "80 or 8080") + ".");
        }
        checkAddress(binding);
        if (binding.isHttps()) {
            checkCertificates(binding, bundles);
            checkTls(binding);
        }
    }

    private void checkAddress(Binding binding) {
        if (binding.isWildcard()) {
            return;
        }
        try {
            if (HostNames.normalize(binding.address(), false).isEmpty()) {
                throw new UnknownHostException(binding.address());
            }
            InetAddress.getByName(binding.address());
        }
        catch (UnknownHostException ex) {
            throw new InvalidBindingException(binding.name(), "address", "has address '"
                    + InvalidBindingException.shown(binding.address()) + "', which is neither an IP address nor a resolvable host name",
                    "Set " + setting(binding, "address") + " to an address of this machine, such as "
                            + "127.0.0.1, or remove it to listen on every interface.");
        }
    }

    private void checkCertificates(Binding binding, Set<String> bundles) {
        String name = binding.name();
        if (binding.sslBundle() == null || binding.sslBundle().isBlank()) {
            throw new InvalidBindingException(name, "sslBundle", "is HTTPS but has no certificate (ssl-bundle is not set)",
                    "Set " + setting(binding, "ssl-bundle") + " to an SSL bundle: " + known(bundles)
                            + ", or declare one under spring.ssl.bundle.* or portal.certificates.*.");
        }
        checkBundleExists(name, "sslBundle", binding.sslBundle(), bundles);
        for (Map.Entry<String, String> sni : binding.sni().entrySet()) {
            String host = HostNames.normalize(sni.getKey(), true).orElse(null);
            if (host == null || !host.equals(sni.getKey())) {
                throw new InvalidBindingException(name, "sni", "maps '" + InvalidBindingException.shown(sni.getKey())
                        + "', which is not a host name in lower-case ASCII, to a certificate",
                        "Use host names such as api.example.com or *.example.com as keys of " + setting(binding, "sni")
                                + ((host != null) ? " (write this one as " + host + ")" : "") + ".");
            }
            checkBundleExists(name, "sni", sni.getValue(), bundles);
        }
    }

    private void checkBundleExists(String binding, String field, String bundle, Set<String> bundles) {
        if (!bundles.contains(bundle)) {
            throw new InvalidBindingException(binding, field, "uses SSL bundle '" + InvalidBindingException.shown(bundle)
                    + "', which does not exist",
                    "Declare '" + InvalidBindingException.shown(bundle) + "' under spring.ssl.bundle.jks, spring.ssl.bundle.pem or portal.certificates, "
                            + "or use an existing bundle: " + known(bundles) + ".");
        }
    }

    private void checkTls(Binding binding) {
        Set<String> protocols = Set.of(this.supported.getProtocols());
        for (String protocol : binding.protocols()) {
            if (!PROTOCOLS.contains(protocol)) {
                throw new InvalidBindingException(binding.name(), "protocols", "asks for TLS protocol '"
                        + InvalidBindingException.shown(protocol) + "'; the portal serves only TLSv1.2 and TLSv1.3, as older "
                        + "protocols are broken and refused by current clients",
                        "Use TLSv1.2 and/or TLSv1.3 in " + setting(binding, "protocols") + ", or leave it empty for both.");
            }
            if (!protocols.contains(protocol)) {
                throw new InvalidBindingException(binding.name(), "protocols", "asks for TLS protocol '" + protocol
                        + "', which this Java runtime does not support",
                        "Use TLSv1.2 and/or TLSv1.3 in " + setting(binding, "protocols") + ".");
            }
        }
        Set<String> ciphers = Set.of(this.supported.getCipherSuites());
        for (String cipher : binding.ciphers()) {
            if (!ciphers.contains(cipher)) {
                throw new InvalidBindingException(binding.name(), "ciphers", "asks for cipher suite '"
                        + InvalidBindingException.shown(cipher) + "', which this Java runtime does not know",
                        "Use JSSE cipher suite names in " + setting(binding, "ciphers")
                                + ", such as TLS_AES_128_GCM_SHA256 or TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256.");
            }
        }
    }

    private void checkNoClash(Binding a, Binding b) {
        if (a.name().equals(b.name())) {
            throw new InvalidBindingException(b.name(), "name", "is declared twice", "Give each binding its own name.");
        }
        if (a.port() != b.port()) {
            return;
        }
        if (a.isWildcard() || b.isWildcard() || sameAddress(a.address(), b.address())) {
            throw new InvalidBindingException(b.name(), "port", "uses port " + b.port() + " on "
                    + describeAddress(b) + ", which binding '" + a.name() + "' already uses on " + describeAddress(a),
                    "Give " + setting(b, "port") + " another port, or give the two bindings "
                            + "different specific addresses.");
        }
    }

    /**
     * How the operator refers to a setting of a binding: its property for bindings from
     * configuration, its field for bindings made through the API or the pages.
     */
    public static String setting(Binding binding, String property) {
        if (binding.source() == Binding.Source.RUNTIME) {
            String field = switch (property) {
                case "ssl-bundle" -> "sslBundle";
                case "redirect-to" -> "redirectTo";
                default -> property;
            };
            return "the " + field + " of binding '" + binding.name() + "'";
        }
        return "portal.bindings." + binding.name() + "." + property;
    }

    private void checkRedirectTarget(Binding binding, List<Binding> bindings) {
        String target = binding.redirectTo();
        if (target == null) {
            return;
        }
        String name = binding.name();
        if (binding.isHttps()) {
            throw new InvalidBindingException(name, "redirectTo", "is HTTPS but has redirect-to '"
                    + InvalidBindingException.shown(target) + "'; only HTTP bindings are redirected",
                    "Remove " + setting(binding, "redirect-to") + ".");
        }
        List<String> https = bindings.stream().filter(Binding::isHttps).map(Binding::name).sorted().toList();
        Binding found = bindings.stream().filter((b) -> b.name().equals(target)).findFirst().orElse(null);
        if (found == null) {
            throw new InvalidBindingException(name, "redirectTo", "has redirect-to '" + InvalidBindingException.shown(target)
                    + "', but there is no enabled binding of that name",
                    "Set " + setting(binding, "redirect-to") + " to an HTTPS binding: " + names(https) + ".");
        }
        if (!found.isHttps()) {
            throw new InvalidBindingException(name, "redirectTo", "has redirect-to '" + target
                    + "', which is an HTTP binding; HTTP can only be redirected to HTTPS",
                    "Set " + setting(binding, "redirect-to") + " to an HTTPS binding: " + names(https) + ".");
        }
    }

    private static String names(List<String> names) {
        return names.isEmpty() ? "(none declared yet; add one with scheme: https)" : String.join(", ", names);
    }

    private static boolean sameAddress(String a, String b) {
        try {
            return Arrays.equals(InetAddress.getByName(a).getAddress(), InetAddress.getByName(b).getAddress());
        }
        catch (UnknownHostException ex) {
            return a.equalsIgnoreCase(b);
        }
    }

    private static String describeAddress(Binding binding) {
        return binding.isWildcard() ? "every interface" : binding.address();
    }

    private static String known(Set<String> bundles) {
        return bundles.isEmpty() ? "(none declared yet)" : String.join(", ", new TreeSet<>(bundles));
    }

}
