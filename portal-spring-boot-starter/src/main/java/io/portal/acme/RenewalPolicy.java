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


    /**
     * When to check a certificate that is not due yet, or {@code null} when the periodic
     * check comes first. The CA's Retry-After on its renewal information (RFC 9773 section
     * 4.3: clients should ask again then, since the window may move) comes before the
     * renewal's own time when it is earlier; one that has passed is taken as "in a minute",
     * never "now", so that a CA that keeps answering with a past time cannot make a loop.
     * @param now the current time
     * @param due when the certificate is due
     * @param askAgainAt the CA's Retry-After on the renewal information, or {@code null}
     * @param checkInterval the interval of the periodic check
     * @return when to check, or {@code null}
     */
    static Instant nextCheck(Instant now, Instant due, Instant askAgainAt, Duration checkInterval) {
        Instant next = due;
        if (askAgainAt != null && askAgainAt.isBefore(due)) {
            next = askAgainAt.isAfter(now) ? askAgainAt : now.plus(RetrySchedule.pause(1));
        }
        return next.isBefore(now.plus(checkInterval)) ? next : null;
    }

}
