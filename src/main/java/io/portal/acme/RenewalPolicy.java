package io.portal.acme;

import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;

/**
 * When a certificate is due for renewal. The CA's renewal window (ARI) comes first where
 * the CA offers one, because only the CA knows of an early revocation or a changed
 * lifetime; otherwise a fixed share of the lifetime decides, as a backstop.
 */
final class RenewalPolicy {

    /**
     * Certificates valid for less than this are renewed at half their lifetime instead of
     * at two thirds, so that a short certificate (Let's Encrypt's 6-day "shortlived"
     * profile) still leaves days for the retries of {@link RetrySchedule}.
     */
    static final Duration SHORT_LIVED = Duration.ofDays(10);

    private RenewalPolicy() {
    }

    /**
     * When to renew by lifetime alone: once a third of it is left, or half of it for
     * certificates valid less than {@link #SHORT_LIVED}.
     * @param certificate the certificate
     * @return the time
     */
    static Instant byLifetime(X509Certificate certificate) {
        Instant notBefore = certificate.getNotBefore().toInstant();
        Instant notAfter = certificate.getNotAfter().toInstant();
        Duration lifetime = Duration.between(notBefore, notAfter);
        Duration remaining = (lifetime.compareTo(SHORT_LIVED) < 0) ? lifetime.dividedBy(2) : lifetime.dividedBy(3);
        return notAfter.minus(remaining);
    }

    /**
     * When to renew within the CA's window: a uniformly random moment of it, as RFC 9773
     * asks, so that the CA's clients spread their renewals out. A window that has ended
     * means now.
     * @param window the window
     * @param now the current time
     * @return the time
     */
    static Instant byWindow(RenewalWindow window, Instant now) {
        if (!window.end().isAfter(window.start()) || !window.end().isAfter(now)) {
            return window.start().isBefore(now) ? now : window.start();
        }
        long span = Duration.between(window.start(), window.end()).toMillis();
        return window.start().plusMillis(ThreadLocalRandom.current().nextLong(span));
    }

    /**
     * Why a certificate is due at its lifetime-based time, for logs.
     * @param certificate the certificate
     * @return the reason
     */
    static String lifetimeReason(X509Certificate certificate) {
        Duration lifetime = Duration.between(certificate.getNotBefore().toInstant(), certificate.getNotAfter().toInstant());
        return (lifetime.compareTo(SHORT_LIVED) < 0) ? "half of its lifetime is left" : "a third of its lifetime is left";
    }

}
