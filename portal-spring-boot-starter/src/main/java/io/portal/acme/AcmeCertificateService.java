package io.portal.acme;

import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.portal.certificate.CertificateAndKey;
import io.portal.certificate.CertificateRenewals;
import io.portal.certificate.CertificateSummary;
import io.portal.certificate.ManagedCertificateStore;
import io.portal.certificate.RenewalStatus;
import io.portal.certificate.StoredCertificate;
import io.portal.store.ChangeNotStoredException;
import io.portal.store.ChangeTransaction;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.scheduling.TaskScheduler;

/**
 * Obtains and renews ACME certificates: the "renew now" operation, and what the scheduled
 * maintenance calls. Each attempt takes the certificate's lock (in this process and in
 * the store, so nodes and the shell never order twice), checks the store again, issues,
 * swaps the certificate in, then saves certificate and key in one transaction. A failure
 * is recorded with the certificate and scheduled for retry; the working certificate is
 * never removed or replaced by a broken one. Thread-safe.
 */
public class AcmeCertificateService implements CertificateRenewals {

    /**
     * Name of the counter of attempts, tagged with {@code bundle} and {@code outcome}
     * (success or failure).
     */
    public static final String RENEWALS = "portal.certificates.renewals";

    /**
     * How long the store lock holds after its holder's last heartbeat: a node that dies
     * (kill -9, power loss) while it orders holds the certificate up to this long before
     * another node takes over.
     */
    static final Duration LOCK_TTL = Duration.ofSeconds(45);

    /**
     * How often the holder extends the lock while an order runs: three heartbeats fit in
     * one lease, so a slow store round trip or a long pause does not lose it.
     */
    static final Duration LOCK_HEARTBEAT = Duration.ofSeconds(15);

    private static final Log logger = LogFactory.getLog(AcmeCertificateService.class);

    private final AcmeCertificateSettings settings;

    private final ManagedCertificateStore certificates;

    private final AcmeStore store;

    private final CertificateIssuer issuer;

    private final AcmeBundles bundles;

    private final ApplicationEventPublisher events;

    private final ObjectProvider<MeterRegistry> meters;

    private final Clock clock;

    private final TaskScheduler scheduler;

    private final ChangeTransaction changes;

    private final String owner = ManagementFactory.getRuntimeMXBean().getName() + "/" + UUID.randomUUID();

    private final Map<String, ReentrantLock> locks = new ConcurrentHashMap<>();

    AcmeCertificateService(AcmeCertificateSettings settings, ManagedCertificateStore certificates, AcmeStore store,
            CertificateIssuer issuer, AcmeBundles bundles, ApplicationEventPublisher events,
            ObjectProvider<MeterRegistry> meters, Clock clock, TaskScheduler scheduler, ChangeTransaction changes) {
        this.scheduler = scheduler;
        this.changes = changes;
        this.settings = settings;
        this.certificates = certificates;
        this.store = store;
        this.issuer = issuer;
        this.bundles = bundles;
        this.events = events;
        this.meters = meters;
        this.clock = clock;
    }

    /**
     * The names of the ACME certificates.
     * @return the names
     */
    public List<String> names() {
        return this.settings.names();
    }

    /**
     * Obtain a new certificate now, whatever the schedule says: the manual "renew now".
     * Blocks until the certificate is issued and swapped in, or the attempt failed.
     * @param name the certificate's name
     * @return how it ended
     * @throws IllegalArgumentException if there is no ACME certificate of that name
     */
    public RenewalOutcome renewNow(String name) {
        return renewNow(name, (outcome) -> {
        });
    }

    /**
     * Obtain a new certificate now and record who asked: the audit entry is written in
     * the transaction that stores what the attempt changed (the certificate, or the
     * failure), so that both are stored or neither.
     * @param name the certificate's name
     * @param audit writes the audit entry of an outcome, inside that transaction
     * @return how it ended
     * @throws IllegalArgumentException if there is no ACME certificate of that name
     */
    public RenewalOutcome renewNow(String name, Consumer<RenewalOutcome> audit) {
        requireAcme(name);
        return renew(name, "renewal requested by an operator", null, audit);
    }

    /**
     * Obtain a new certificate because it is due. When the store already holds another
     * current certificate than {@code expected} (another node or the shell renewed it
     * meanwhile), that one is swapped in instead.
     * @param name the certificate's name
     * @param reason why it is due, for the log
     * @param expected the fingerprint of the certificate found due
     * @return how it ended
     */
    RenewalOutcome renewDue(String name, String reason, String expected) {
        return renew(name, reason, expected, (outcome) -> {
        });
    }

    /**
     * Run something while no attempt to obtain the certificate runs, here or on another
     * node, and none can start: such as removing it.
     * @param name the certificate's name
     * @param action what to run
     * @return whether it ran; {@code false} if the certificate is being obtained right now
     */
    boolean whileIdle(String name, Runnable action) {
        ReentrantLock local = this.locks.computeIfAbsent(name, (n) -> new ReentrantLock());
        if (!local.tryLock()) {
            return false;
        }
        try {
            if (!this.store.tryLock(name, this.owner, this.clock.instant(), LOCK_TTL)) {
                return false;
            }
            ScheduledFuture<?> heartbeat = heartbeat(name);
            // Within a change (deleting the certificate), the lock is held until that change
            // has committed or rolled back, so that no node orders in between.
            Runnable release = () -> {
                heartbeat.cancel(false);
                this.store.unlock(name, this.owner);
            };
            boolean enclosed = ChangeTransaction.isActive();
            try {
                action.run();
                return true;
            }
            finally {
                if (enclosed) {
                    ChangeTransaction.onCompletion(release);
                }
                else {
                    release.run();
                }
            }
        }
        finally {
            local.unlock();
        }
    }

    /**
     * The renewal bookkeeping of a certificate.
     * @param name the certificate's name
     * @return the record
     */
    RenewalRecord record(String name) {
        return this.store.renewal(name);
    }

    private RenewalOutcome renew(String name, String reason, String expected, Consumer<RenewalOutcome> audit) {
        ReentrantLock local = this.locks.computeIfAbsent(name, (n) -> new ReentrantLock());
        local.lock();
        try {
            if (!this.store.tryLock(name, this.owner, this.clock.instant(), LOCK_TTL)) {
                String message = "Certificate '" + name + "' is being obtained by another portal node or the shell; "
                        + "it is swapped in from the store when it arrives.";
                logger.info(message);
                // Checked again just after the holder's lease runs out: at once taken over if it
                // died, else seen extended (or the certificate arrived through the store).
                Instant retry = this.store.lockExpiry(name).map((expiry) -> expiry.plusSeconds(1))
                    .orElse(this.clock.instant().plusSeconds(5));
                return audited(new RenewalOutcome(name, RenewalOutcome.Result.BUSY, message, retry), audit);
            }
            ScheduledFuture<?> heartbeat = heartbeat(name);
            try {
                return attempt(name, reason, expected, audit);
            }
            finally {
                heartbeat.cancel(false);
                this.store.unlock(name, this.owner);
            }
        }
        finally {
            local.unlock();
        }
    }

    /**
     * Keep the store lock of a certificate while the work it guards runs, so that a lease
     * short enough to let another node take over within a minute of a crash still covers
     * an order that takes longer.
     */
    private ScheduledFuture<?> heartbeat(String name) {
        return this.scheduler.scheduleAtFixedRate(() -> {
            try {
                if (!this.store.extendLock(name, this.owner, this.clock.instant(), LOCK_TTL)) {
                    logger.warn("ACME certificate '" + name + "': the issuance lock ran out before its heartbeat (the store "
                            + "was unreachable for longer than " + LOCK_TTL.toSeconds() + " s); another node may order it too");
                }
            }
            catch (RuntimeException ex) {
                logger.warn("ACME certificate '" + name + "': the issuance lock cannot be extended: " + ex.getMessage());
            }
        }, this.clock.instant().plus(LOCK_HEARTBEAT), LOCK_HEARTBEAT);
    }

    private RenewalOutcome attempt(String name, String reason, String expected, Consumer<RenewalOutcome> audit) {
        Optional<StoredCertificate> stored = this.certificates.find(name);
        if (expected != null && stored.isPresent() && this.settings.fits(name, stored.get())
                && !expected.equals(CertificateSummary.fingerprint(stored.get().material().leaf()))
                && this.bundles.isValidNow(stored.get().material())
                && RenewalPolicy.byLifetime(stored.get().material().leaf()).isAfter(this.clock.instant())) {
            this.bundles.install(name, stored.get().material());
            return audited(new RenewalOutcome(name, RenewalOutcome.Result.ALREADY_CURRENT, "Certificate '" + name
                    + "' was renewed elsewhere meanwhile; the stored one is served.", null), audit);
        }
        logger.info("ACME certificate '" + name + "': obtaining a certificate for " + this.settings.domains(name)
                + " because " + reason);
        RenewalRecord record = this.store.renewal(name);
        boolean renewal = stored.filter((s) -> AcmeCertificateSettings.KIND.equals(s.kind())).isPresent();
        try {
            // Only a certificate of the same settings is "replaced" in the ARI sense.
            StoredCertificate replaced = stored.filter((s) -> this.settings.fits(name, s)).orElse(null);
            CertificateAndKey material = this.issuer.issue(this.settings.request(name, replaced), this::progress);
            Instant now = this.clock.instant();
            String message = (renewal ? "Renewed" : "Issued") + " certificate '" + name + "' for " + this.settings.domains(name)
                    + ": " + material.leaf().getIssuerX500Principal().getName() + " serial "
                    + material.leaf().getSerialNumber().toString(16) + ", valid until " + material.leaf().getNotAfter().toInstant()
                    + ", SHA-256 " + CertificateSummary.fingerprint(material.leaf());
            RenewalOutcome issued = new RenewalOutcome(name, RenewalOutcome.Result.ISSUED, message, null);
            boolean served = false;
            try {
                // Served first, so that the audit entry records what is served; even if it
                // cannot be served, it is stored rather than lost.
                this.bundles.install(name, material);
                served = true;
            }
            finally {
                boolean audited = served;
                try {
                    this.changes.run(() -> {
                        this.certificates.save(new StoredCertificate(name, AcmeCertificateSettings.KIND,
                                this.settings.spec(name), material, now));
                        if (audited) {
                            audit.accept(issued);
                        }
                    });
                }
                catch (ChangeNotStoredException ex) {
                    logger.error("ACME certificate '" + name + "': issued, but the state store refused it", ex);
                    throw new IssuanceException("The CA issued a certificate, " + (audited ? "which is served now, " : "")
                            + "but the state store refused it with its audit entry; it is obtained again at the next attempt",
                            null, null, ex);
                }
            }
            // Told as soon as it is served, before the bookkeeping, so that progress agrees with the wire.
            progress(new AcmeProgress(name, AcmeProgress.Step.ISSUED, message, now));
            count(name, "success");
            try {
                this.store.saveRenewal(record.succeeded(now));
            }
            catch (RuntimeException ex) {
                // The certificate is stored and served; only the bookkeeping is behind.
                logger.error("ACME certificate '" + name + "': issued and served, but its renewal record cannot be stored: "
                        + ex.getMessage());
            }
            return issued;
        }
        catch (RuntimeException ex) {
            return failed(name, record, stored, ex, audit);
        }
    }

    private RenewalOutcome audited(RenewalOutcome outcome, Consumer<RenewalOutcome> audit) {
        this.changes.run(() -> audit.accept(outcome));
        return outcome;
    }

    private RenewalOutcome failed(String name, RenewalRecord record, Optional<StoredCertificate> stored, RuntimeException ex,
            Consumer<RenewalOutcome> audit) {
        Instant now = this.clock.instant();
        IssuanceException failure = (ex instanceof IssuanceException issuance) ? issuance
                : new IssuanceException("Unexpected failure: " + ex, null, null, ex);
        Instant next = RetrySchedule.next(record.consecutiveFailures() + 1, now, failure.retryAfter());
        String error = failure.getMessage();
        String kept = this.bundles.served(name)
            .map((s) -> s.temporary() ? "the temporary certificate stays in use"
                    : "the current certificate (valid until " + s.material().leaf().getNotAfter().toInstant() + ") stays in use")
            .orElse(stored.map((s) -> "the stored certificate is kept").orElse("no certificate was stored"));
        String message = "Obtaining certificate '" + name + "' failed (attempt " + (record.consecutiveFailures() + 1) + "): "
                + (error.endsWith(".") ? error : error + ".") + " " + Character.toUpperCase(kept.charAt(0)) + kept.substring(1) + "; next attempt at " + next + ".";
        RenewalOutcome outcome = new RenewalOutcome(name, RenewalOutcome.Result.FAILED, message, next);
        try {
            this.changes.run(() -> {
                this.store.saveRenewal(record.failed(error, failure.problemType().orElse(null), now, next));
                audit.accept(outcome);
            });
        }
        catch (RuntimeException storeFailure) {
            logger.error("ACME certificate '" + name + "': the failure cannot be recorded in the store: " + storeFailure.getMessage());
        }
        count(name, "failure");
        // Failures the CA or the network explain are logged as one line; only the unexpected get a stack trace.
        logger.error(message, (ex instanceof IssuanceException) ? null : ex);
        this.events.publishEvent(new AcmeProgress(name, AcmeProgress.Step.FAILED, message, now));
        return outcome;
    }

    /**
     * Get the account at the CA ready while the portal is still starting, so that the
     * first order starts sooner. A failure here is only logged: the order that follows
     * meets it again and reports it.
     */
    void prepareAccount() {
        try {
            this.issuer.prepare(this.settings.configuredAccount(), (detail) -> logger.info("ACME account: " + detail));
        }
        catch (RuntimeException ex) {
            logger.debug("The ACME account could not be prepared ahead of the first order: " + ex.getMessage());
        }
    }

    private void progress(AcmeProgress progress) {
        logger.info("ACME certificate '" + progress.certificate() + "' [" + progress.step().name().toLowerCase() + "]: "
                + progress.detail());
        this.events.publishEvent(progress);
    }

    private void count(String name, String outcome) {
        MeterRegistry registry = this.meters.getIfAvailable();
        if (registry != null) {
            Counter.builder(RENEWALS)
                .description("Attempts to obtain ACME certificates, by outcome")
                .tag("bundle", name)
                .tag("outcome", outcome)
                .register(registry)
                .increment();
        }
    }

    @Override
    public Optional<RenewalStatus> status(String bundle) {
        if (!this.settings.isAcme(bundle)) {
            return Optional.empty();
        }
        RenewalRecord record = this.store.renewal(bundle);
        boolean temporary = this.bundles.served(bundle).map(AcmeBundles.Served::temporary).orElse(false);
        return Optional.of(new RenewalStatus(temporary, record.lastError(), record.failing() ? record.lastAttemptAt() : null,
                record.nextAttemptAt(), record.lastSuccessAt()));
    }

    /**
     * Fail unless there is an ACME certificate of the given name.
     * @param name the name
     * @throws IllegalArgumentException naming the ACME certificates there are
     */
    void requireAcme(String name) {
        if (!this.settings.isAcme(name)) {
            List<String> names = this.settings.names();
            throw new IllegalArgumentException("There is no ACME certificate '" + name + "'; "
                    + (names.isEmpty() ? "none is configured (portal.certificates.<name>.acme) or was requested"
                            : "the ACME certificates are: " + String.join(", ", names)) + ".");
        }
    }

}
