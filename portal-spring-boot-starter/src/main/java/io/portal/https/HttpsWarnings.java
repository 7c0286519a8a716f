package io.portal.https;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;

import io.portal.binding.Binding;
import io.portal.binding.Scheme;
import io.portal.binding.Listeners;

/**
 * The one list of warnings about forcing HTTPS and HSTS, computed from the current
 * settings, bindings and certificates at each call, with the warnings about stored
 * bindings that the configuration no longer matches. The startup log, the admin API and
 * the web pages all show this list.
 */
public class HttpsWarnings {

    /**
     * HSTS is on while an HTTPS binding serves a certificate browsers do not trust.
     */
    public static final String UNTRUSTED_CERTIFICATE = "hsts-untrusted-certificate";

    /**
     * HSTS is on while HTTPS is not on port 443 or HTTP not on port 80.
     */
    public static final String NON_STANDARD_PORT = "hsts-non-standard-port";

    /**
     * A max-age over a day is sent although HSTS has been on for less than a day.
     */
    public static final String LONG_MAX_AGE_TOO_SOON = "hsts-long-max-age-too-soon";

    /**
     * HSTS is on but HTTP is not redirected to HTTPS.
     */
    public static final String HSTS_WITHOUT_REDIRECT = "hsts-without-redirect";

    /**
     * HTTPS is forced but an HTTP binding has no HTTPS binding to redirect to.
     */
    public static final String REDIRECT_WITHOUT_TARGET = "redirect-without-target";

    private static final Duration ONE_DAY = Duration.ofDays(1);

    private static final String TURN_OFF = "java -jar portal.jar configure --hsts-enabled=false";

    private final Supplier<HttpsSettings> settings;

    private final Listeners connectors;

    private final ServedCertificates certificates;

    private final HstsRamp ramp;

    private final Clock clock;

    private final Supplier<List<HttpsWarning>> others;

    public HttpsWarnings(Supplier<HttpsSettings> settings, Listeners connectors, ServedCertificates certificates,
            HstsRamp ramp, Clock clock) {
        this(settings, connectors, certificates, ramp, clock, List::of);
    }

    /**
     * @param others warnings from elsewhere that the same lists show, such as those about
     * stored bindings the configuration no longer matches
     */
    public HttpsWarnings(Supplier<HttpsSettings> settings, Listeners connectors, ServedCertificates certificates,
            HstsRamp ramp, Clock clock, Supplier<List<HttpsWarning>> others) {
        this.others = others;
        this.settings = settings;
        this.connectors = connectors;
        this.certificates = certificates;
        this.ramp = ramp;
        this.clock = clock;
    }

    /**
     * The warnings that apply now.
     * @return the warnings, empty when all is well
     */
    public List<HttpsWarning> current() {
        HttpsSettings settings = this.settings.get();
        List<Binding> bindings = this.connectors.states().stream().map(Listeners.ListenerState::binding).toList();
        List<HttpsWarning> warnings = new ArrayList<>(evaluate(settings, bindings,
                settings.hstsEnabled() ? this.certificates.untrusted() : List.of(), this.ramp.maxAge(settings),
                this.ramp.enabledSince(), this.clock.instant()));
        warnings.addAll(this.others.get());
        return warnings;
    }

    /**
     * The warnings that would apply with the current settings if these were the bindings,
     * for previews of binding changes.
     * @param bindings the bindings
     * @return the warnings
     */
    public List<HttpsWarning> forBindings(List<Binding> bindings) {
        HttpsSettings settings = this.settings.get();
        return evaluate(settings, bindings, settings.hstsEnabled() ? this.certificates.untrusted(bindings) : List.of(),
                this.ramp.maxAge(settings), this.ramp.enabledSince(), this.clock.instant());
    }

    /**
     * The warnings for a given situation.
     * @param settings the settings
     * @param bindings the bindings
     * @param untrusted the certificates browsers would refuse
     * @param maxAge the max-age sent
     * @param enabledSince since when HSTS has been on, or {@code null} if it was just
     * turned on
     * @param now the time
     * @return the warnings
     */
    static List<HttpsWarning> evaluate(HttpsSettings settings, List<Binding> bindings, List<ServedCertificates.Untrusted> untrusted,
            Duration maxAge, Instant enabledSince, Instant now) {
        List<HttpsWarning> warnings = new ArrayList<>();
        if (settings.hstsEnabled()) {
            untrusted.forEach((certificate) -> warnings.add(new HttpsWarning(UNTRUSTED_CERTIFICATE,
                    "HSTS is on, but " + certificate.describe() + ". Browsers that received the HSTS header do not let "
                            + "visitors click through a certificate warning, so the portal is unreachable for them.",
                    "Serve a certificate from a CA that browsers trust on binding '" + certificate.binding()
                            + "' (Let's Encrypt, or list your company CA in portal.hsts.trusted-ca-certificates), "
                            + "or turn HSTS off: " + TURN_OFF)));
            nonStandardPorts(bindings).ifPresent(warnings::add);
        }
        boolean anyHttp = bindings.stream().anyMatch((b) -> !b.isHttps());
        warnings.addAll(forSettings(settings, maxAge, enabledSince, now, anyHttp));
        if (settings.redirectHttpToHttps()) {
            for (Binding binding : bindings) {
                RedirectTargets.Target target = binding.isHttps() ? null : RedirectTargets.of(binding, bindings);
                if (target != null && target.binding() == null) {
                    warnings.add(new HttpsWarning(REDIRECT_WITHOUT_TARGET, "HTTPS is forced, but HTTP binding '"
                            + binding.name() + "' cannot be redirected: " + target.problem()
                            + ". Its requests are served over plain HTTP.", target.action()));
                }
            }
        }
        return warnings;
    }

    /**
     * The warnings that follow from the settings alone, for the {@code configure}
     * command as well.
     * @param settings the settings
     * @param maxAge the max-age sent
     * @param enabledSince since when HSTS has been on, or {@code null} if it was just
     * turned on
     * @param now the time
     * @param anyHttpBinding whether the portal has an HTTP binding
     * @return the warnings
     */
    public static List<HttpsWarning> forSettings(HttpsSettings settings, Duration maxAge, Instant enabledSince, Instant now,
            boolean anyHttpBinding) {
        List<HttpsWarning> warnings = new ArrayList<>();
        if (!settings.hstsEnabled()) {
            return warnings;
        }
        Instant since = ((enabledSince != null) ? enabledSince : now).truncatedTo(ChronoUnit.SECONDS);
        if (maxAge.compareTo(ONE_DAY) > 0 && since.plus(ONE_DAY).isAfter(now)) {
            warnings.add(new HttpsWarning(LONG_MAX_AGE_TOO_SOON, "HSTS max-age is " + HttpsSetting.formatDuration(maxAge)
                    + " although HSTS has been on for less than a day (since " + since + "). If anything about HTTPS is wrong, browsers that saw the header will refuse plain HTTP for "
                    + HttpsSetting.formatDuration(maxAge) + ".",
                    "Start with a short max-age (configure --hsts-max-age=1h) and raise it once HTTPS works "
                            + "everywhere, or let the portal raise it step by step (configure --hsts-ramp=true)."));
        }
        if (!settings.redirectHttpToHttps() && anyHttpBinding) {
            warnings.add(new HttpsWarning(HSTS_WITHOUT_REDIRECT, "HSTS is on, but HTTP requests are not redirected to "
                    + "HTTPS, so visitors who type http:// stay on plain HTTP and never receive the HSTS header.",
                    "Force HTTPS: java -jar portal.jar configure --redirect-http-to-https=true"));
        }
        return warnings;
    }

    private static Optional<HttpsWarning> nonStandardPorts(List<Binding> bindings) {
        List<Binding> offending = bindings.stream().filter((b) -> b.port() != b.scheme().defaultPort()).toList();
        if (offending.isEmpty()) {
            return Optional.empty();
        }
        List<String> effects = new ArrayList<>();
        offending.stream().filter((b) -> !b.isHttps()).findFirst().ifPresent((http) -> effects.add("http://host:"
                + http.port() + " becomes https://host:" + http.port() + ", where the portal speaks plain HTTP"));
        offending.stream().filter(Binding::isHttps).findFirst().ifPresent((https) -> effects.add("http://host becomes "
                + "https://host on port " + Scheme.HTTPS.defaultPort() + ", not " + https.port()));
        return Optional.of(new HttpsWarning(NON_STANDARD_PORT, "HSTS is on, but " + String.join(" and ", offending.stream()
            .map((b) -> b.scheme().id().toUpperCase(Locale.ROOT) + " binding '" + b.name() + "' listens on port " + b.port())
            .toList()) + ". Browsers that have seen HSTS turn http:// into https:// themselves, changing port 80 to 443 "
                + "and keeping any other port: " + String.join(", and ", effects) + ".",
                "Serve HTTP on port 80 and HTTPS on port 443 (portal.bindings.<name>.port), or forward ports 80 and 443 "
                        + "to these bindings; if clients already reach the portal through such a forward, ignore this."));
    }

}
