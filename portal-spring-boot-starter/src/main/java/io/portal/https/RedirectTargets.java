package io.portal.https;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;

import io.portal.binding.Binding;

/**
 * Which HTTPS binding each HTTP binding redirects to: the one its {@code redirect-to}
 * names, else the HTTPS binding on the same address (both on every interface, or both on
 * the same IP), else the only HTTPS binding. Stateless.
 */
public final class RedirectTargets {

    private RedirectTargets() {
    }

    /**
     * The target of an HTTP binding.
     * @param http the HTTP binding
     * @param bindings all current bindings
     * @return the target, or why there is none
     */
    public static Target of(Binding http, Collection<Binding> bindings) {
        List<Binding> https = bindings.stream().filter(Binding::isHttps).toList();
        if (http.redirectTo() != null) {
            return https.stream()
                .filter((b) -> b.name().equals(http.redirectTo()))
                .findFirst()
                .map(Target::to)
                .orElseGet(() -> Target.none("its redirect-to names '" + http.redirectTo() + "', which is not an HTTPS binding",
                        "Set portal.bindings." + http.name() + ".redirect-to to one of " + names(https) + "."));
        }
        if (https.isEmpty()) {
            return Target.none("there is no HTTPS binding to redirect to",
                    "Add an HTTPS binding (portal.bindings.<name>.scheme=https with a port and an ssl-bundle), or turn "
                            + "the redirect off (configure --redirect-http-to-https=false).");
        }
        List<Binding> sameAddress = https.stream().filter((b) -> sameAddress(http, b)).toList();
        if (sameAddress.size() == 1) {
            return Target.to(sameAddress.get(0));
        }
        if (https.size() == 1) {
            return Target.to(https.get(0));
        }
        return Target.none("several HTTPS bindings (" + names(https) + ") could receive its redirect and "
                + (sameAddress.isEmpty() ? "none" : "more than one") + " listens on its address",
                "Set portal.bindings." + http.name() + ".redirect-to to one of " + names(https) + ".");
    }

    /**
     * Check that every HTTP binding has a target, when HTTP is redirected.
     * @param settings the settings
     * @param bindings the bindings
     * @throws InvalidHttpsSettingsException naming the first HTTP binding without one
     */
    public static void check(HttpsSettings settings, Collection<Binding> bindings) {
        if (!settings.redirectHttpToHttps()) {
            return;
        }
        for (Binding binding : bindings) {
            if (binding.isHttps()) {
                continue;
            }
            Target target = of(binding, bindings);
            if (target.binding() == null) {
                throw new InvalidHttpsSettingsException(HttpsSetting.REDIRECT_HTTP_TO_HTTPS,
                        "is on, but HTTP binding '" + binding.name() + "' cannot be redirected: " + target.problem(),
                        target.action());
            }
        }
    }

    static boolean sameAddress(Binding a, Binding b) {
        if (a.isWildcard() || b.isWildcard()) {
            return a.isWildcard() && b.isWildcard();
        }
        try {
            return Arrays.equals(InetAddress.getByName(a.address()).getAddress(), InetAddress.getByName(b.address()).getAddress());
        }
        catch (UnknownHostException ex) {
            return a.address().equalsIgnoreCase(b.address());
        }
    }

    private static String names(List<Binding> bindings) {
        return bindings.isEmpty() ? "(no HTTPS binding)" : String.join(", ", bindings.stream().map(Binding::name).sorted().toList());
    }

    /**
     * Where an HTTP binding redirects to.
     *
     * @param binding the HTTPS binding, or {@code null} if there is none
     * @param problem why there is none
     * @param action how to give it one
     */
    public record Target(Binding binding, String problem, String action) {

        static Target to(Binding binding) {
            return new Target(binding, null, null);
        }

        static Target none(String problem, String action) {
            return new Target(null, problem, action);
        }

    }

}
