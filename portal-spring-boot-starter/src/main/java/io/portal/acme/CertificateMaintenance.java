package io.portal.acme;

import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;

import io.portal.certificate.CertificateSummary;
import io.portal.certificate.ManagedCertificateStore;
import io.portal.certificate.StoredCertificate;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.TaskScheduler;

/**
 * The renewal loop, on the injected {@link TaskScheduler} and {@link Clock}. As soon as
 * the web server listens (so it can answer challenges) every ACME certificate is checked; then
 * every {@code check-interval}, starting at a random point of the first interval. A check
 * renews what is due (see {@link RenewalPolicy}) or schedules the renewal for its time; a
 * failure is retried per {@link RetrySchedule}. Every {@code poll-interval} the store is
 * read for certificates another node or the shell obtained, which are swapped in.
 * <p>
 * The scheduler only triggers: every check and renewal runs on the bounded issuance
 * executor, so that orders that wait for the CA never hold the scheduler's few threads,
 * and a certificate is checked by one task at a time (a trigger while its check is queued
 * or running is dropped; the check that runs sees the latest state anyway).
 */
class CertificateMaintenance implements ApplicationListener<WebServerInitializedEvent>, SmartLifecycle, InitializingBean,
        DisposableBean {

    private static final Log logger = LogFactory.getLog(CertificateMaintenance.class);

    private final AcmeCertificateService service;

    private final AcmeCertificateSettings settings;

    private final AcmeBundles bundles;

    private final ManagedCertificateStore certificates;

    private final AcmeStore store;

    private final CertificateIssuer issuer;

    private final TaskScheduler scheduler;

    private final Clock clock;

    private final AcmeProperties properties;

    private final Map<String, ScheduledFuture<?>> pending = new ConcurrentHashMap<>();

    private final Map<String, AriChoice> ariChoices = new ConcurrentHashMap<>();

    private final Set<String> inFlight = ConcurrentHashMap.newKeySet();

    private final AtomicBoolean pollQueued = new AtomicBoolean();

    private final IssuanceExecutor issuance;

    private final List<ScheduledFuture<?>> loops = new ArrayList<>();

    private volatile String lastPollProblem;

    private volatile boolean running;

    private volatile boolean listening;

    CertificateMaintenance(AcmeCertificateService service, AcmeCertificateSettings settings, AcmeBundles bundles,
            ManagedCertificateStore certificates, AcmeStore store, CertificateIssuer issuer, TaskScheduler scheduler,
            IssuanceExecutor issuance, Clock clock, AcmeProperties properties) {
        this.issuance = issuance;
        this.service = service;
        this.settings = settings;
        this.bundles = bundles;
        this.certificates = certificates;
        this.store = store;
        this.issuer = issuer;
        this.scheduler = scheduler;
        this.clock = clock;
        this.properties = properties;
    }

    /**
     * As soon as the maintenance exists, while the rest of the portal is still being made,
     * and only when a certificate still has to be obtained: get the account ready on the
     * scheduler. The account needs the store and the CA, not a listener (only the
     * challenges do), so registering it no longer delays the first order once the portal
     * listens (about half a second of it against a local CA).
     */
    @Override
    public void afterPropertiesSet() {
        boolean obtaining = this.settings.names().stream()
            .filter(this.settings::isConfigured)
            .anyMatch((name) -> this.bundles.served(name).map(AcmeBundles.Served::temporary).orElse(false));
        if (obtaining) {
            this.scheduler.schedule(() -> submit("prepare the ACME account", this.service::prepareAccount), this.clock.instant());
        }
    }

    @Override
    public void start() {
        this.running = true;
    }

    @Override
    public void stop() {
        this.running = false;
    }

    @Override
    public boolean isRunning() {
        return this.running;
    }

    /**
     * Before the web server's phase.
     */
    @Override
    public int getPhase() {
        return WebServerApplicationContext.START_STOP_LIFECYCLE_PHASE - 1;
    }

    @Override
    public void onApplicationEvent(WebServerInitializedEvent event) {
        this.listening = true;
        List<String> names = this.settings.names();
        if (names.isEmpty()) {
            return;
        }
        Instant now = this.clock.instant();
        names.forEach((name) -> scheduleCheck(name, now));
        startLoops(names);
    }

    /**
     * Start obtaining and renewing a certificate that was just requested at runtime: a
     * check at once (which orders it), then the same schedule as every other.
     * @param name the certificate's name
     */
    void track(String name) {
        if (!this.listening) {
            // Checked with the others once the web server listens.
            return;
        }
        scheduleCheck(name, this.clock.instant());
        startLoops(List.of(name));
    }

    /**
     * Check a certificate at a given time, such as the next attempt after a manual renewal
     * failed.
     * @param name the certificate's name
     * @param at when
     */
    void checkAt(String name, Instant at) {
        if (this.listening && at != null) {
            scheduleCheck(name, at);
        }
    }

    /**
     * Stop checking a certificate that was removed.
     * @param name the certificate's name
     */
    void untrack(String name) {
        ScheduledFuture<?> pending = this.pending.remove(name);
        if (pending != null) {
            pending.cancel(false);
        }
        this.ariChoices.remove(name);
    }

    /**
     * Obtain a new certificate on the scheduler, now, whatever the schedule says; for
     * pages that show the progress instead of waiting for it.
     * @param name the certificate's name
     */
    void renewSoon(String name) {
        this.scheduler.schedule(() -> submit("renew certificate '" + name + "'", () -> {
            RenewalOutcome outcome = this.service.renewNow(name);
            if (outcome.result() == RenewalOutcome.Result.FAILED) {
                scheduleCheck(name, outcome.nextAttemptAt());
            }
        }), this.clock.instant());
    }

    /**
     * Hand work over to the issuance executor. When its queue is full the work is dropped
     * and logged: the periodic check comes back to every certificate.
     */
    private boolean submit(String what, Runnable work) {
        try {
            this.issuance.execute(work);
            return true;
        }
        catch (RejectedExecutionException ex) {
            logger.warn("ACME: too much work queued; did not " + what + " now, the next check does");
            return false;
        }
    }

    /**
     * Read the store on the issuance executor, unless a read is already queued or running
     * (while long orders take both threads, polls do not pile up behind them).
     */
    private void submitPoll() {
        if (!this.pollQueued.compareAndSet(false, true)) {
            return;
        }
        boolean queued = submit("read the store", () -> {
            try {
                poll();
            }
            finally {
                this.pollQueued.set(false);
            }
        });
        if (!queued) {
            this.pollQueued.set(false);
        }
    }

    /**
     * Check a certificate on the issuance executor, unless a check of it is already queued
     * or running.
     */
    private void submitCheck(String name) {
        if (!this.inFlight.add(name)) {
            return;
        }
        try {
            this.issuance.execute(() -> {
                try {
                    check(name);
                }
                finally {
                    this.inFlight.remove(name);
                }
            });
        }
        catch (RejectedExecutionException ex) {
            this.inFlight.remove(name);
            logger.warn("ACME certificate '" + name + "': too much work queued; checked again at the next check");
        }
    }

    private void startLoops(List<String> names) {
        synchronized (this.loops) {
            if (!this.loops.isEmpty()) {
                return;
            }
            Instant now = this.clock.instant();
            Duration interval = this.properties.getCheckInterval();
            Instant firstCheck = now.plusMillis(ThreadLocalRandom.current().nextLong(Math.max(1, interval.toMillis())));
            Duration poll = this.properties.getPollInterval();
            this.loops.add(this.scheduler.scheduleAtFixedRate(() -> this.settings.names().forEach(this::submitCheck),
                    firstCheck, interval));
            this.loops.add(this.scheduler.scheduleWithFixedDelay(this::submitPoll, now.plus(poll), poll));
            logger.info("ACME maintenance started for " + names + ": checks every " + interval + " (next at " + firstCheck
                    + "), store polled every " + poll);
        }
    }

    void checkAll() {
        this.settings.names().forEach(this::check);
    }

    /**
     * Check one certificate: renew it if due, else make sure a check runs when it will be.
     * @param name the certificate's name
     */
    void check(String name) {
        try {
            Optional<AcmeBundles.Served> served = this.bundles.served(name);
            if (served.isEmpty()) {
                return;
            }
            pickUpFromStore(name, served.get());
            AcmeBundles.Served current = this.bundles.served(name).orElseThrow();
            Instant now = this.clock.instant();
            RenewalRecord record = this.store.renewal(name);
            if (record.failing() && record.nextAttemptAt() != null && record.nextAttemptAt().isAfter(now)) {
                scheduleCheck(name, record.nextAttemptAt());
                return;
            }
            Due due = due(name, current, now);
            if (!due.at().isAfter(now)) {
                RenewalOutcome outcome = this.service.renewDue(name, due.reason(), current.fingerprint());
                // After a failure, the retry table decides; otherwise a check a minute later plans
                // the next renewal of the new certificate (never at once, so that a certificate
                // that is due as soon as it is issued cannot make a tight loop).
                // While another node obtains it, the check comes back when that node's lease ends.
                boolean retrySoon = outcome.result() == RenewalOutcome.Result.FAILED
                        || (outcome.result() == RenewalOutcome.Result.BUSY && outcome.nextAttemptAt() != null);
                scheduleCheck(name, retrySoon ? outcome.nextAttemptAt() : now.plus(RetrySchedule.pause(1)));
            }
            else {
                Instant next = RenewalPolicy.nextCheck(now, due.at(), due.askAgainAt(), this.properties.getCheckInterval());
                if (next != null) {
                    scheduleCheck(name, next);
                }
            }
        }
        catch (RuntimeException ex) {
            logger.error("ACME certificate '" + name + "': the renewal check failed: " + ex.getMessage(), ex);
        }
    }

    private Due due(String name, AcmeBundles.Served served, Instant now) {
        if (served.temporary()) {
            return new Due(now, "no certificate has been issued yet (a temporary one is served)", null);
        }
        Optional<StoredCertificate> stored = this.certificates.find(name);
        if (stored.isEmpty() || !this.settings.fits(name, stored.get())) {
            return new Due(now, "its settings changed (CA, domains, key type or profile)", null);
        }
        X509Certificate leaf = served.material().leaf();
        if (!this.bundles.isValidNow(served.material())) {
            return new Due(now, "it expired on " + leaf.getNotAfter().toInstant(), null);
        }
        Optional<RenewalWindow> window = Optional.empty();
        try {
            window = this.issuer.renewalWindow(this.settings.account(name), leaf);
        }
        catch (IssuanceException ex) {
            logger.warn("ACME certificate '" + name + "': the CA's renewal window cannot be read, so its lifetime decides: "
                    + ex.getMessage());
        }
        if (window.isPresent()) {
            String fingerprint = served.fingerprint();
            RenewalWindow w = window.get();
            AriChoice choice = this.ariChoices.compute(name, (n, previous) -> (previous != null && previous.matches(fingerprint, w))
                    ? previous : new AriChoice(fingerprint, w, RenewalPolicy.byWindow(w, now)));
            return new Due(choice.at(), "the CA's renewal window (" + w.start() + " to " + w.end() + ") has come"
                    + w.explanationUrl().map((url) -> ", see " + url).orElse(""), w.retryAfter());
        }
        return new Due(RenewalPolicy.byLifetime(leaf), RenewalPolicy.lifetimeReason(leaf), null);
    }

    /**
     * Swap in certificates that another node or the shell stored.
     */
    void poll() {
        for (String name : this.settings.names()) {
            try {
                this.bundles.served(name).ifPresent((served) -> pickUpFromStore(name, served));
                this.lastPollProblem = null;
            }
            catch (RuntimeException ex) {
                String problem = "ACME certificate '" + name + "': the store cannot be read: " + ex.getMessage();
                if (!problem.equals(this.lastPollProblem)) {
                    logger.warn(problem);
                    this.lastPollProblem = problem;
                }
            }
        }
    }

    private void pickUpFromStore(String name, AcmeBundles.Served served) {
        Optional<StoredCertificate> stored = this.certificates.find(name);
        if (stored.isEmpty() || !this.settings.fits(name, stored.get()) || !this.bundles.isValidNow(stored.get().material())) {
            return;
        }
        var material = stored.get().material();
        if (CertificateSummary.fingerprint(material.leaf()).equals(served.fingerprint())) {
            return;
        }
        if (served.temporary() || !material.leaf().getNotAfter().before(served.material().leaf().getNotAfter())) {
            this.bundles.install(name, material);
            logger.info("ACME certificate '" + name + "': serving the certificate another node or the shell stored (serial "
                    + material.leaf().getSerialNumber().toString(16) + ", valid until " + material.leaf().getNotAfter().toInstant() + ")");
        }
    }

    private void scheduleCheck(String name, Instant at) {
        ScheduledFuture<?> previous = this.pending.put(name, this.scheduler.schedule(() -> submitCheck(name), at));
        if (previous != null) {
            previous.cancel(false);
        }
    }

    @Override
    public void destroy() {
        this.pending.values().forEach((future) -> future.cancel(false));
        synchronized (this.loops) {
            this.loops.forEach((future) -> future.cancel(false));
        }
    }

    /**
     * When a certificate is due, why, and when to ask the CA's renewal information again
     * ({@code null} if the CA did not say).
     */
    private record Due(Instant at, String reason, Instant askAgainAt) {
    }

    /**
     * The moment picked in a renewal window, kept while the window and certificate stay
     * the same so that each check does not draw a new, earlier one.
     */
    private record AriChoice(String fingerprint, RenewalWindow window, Instant at) {

        boolean matches(String fingerprint, RenewalWindow window) {
            return this.fingerprint.equals(fingerprint) && this.window.start().equals(window.start())
                    && this.window.end().equals(window.end());
        }

    }

}
