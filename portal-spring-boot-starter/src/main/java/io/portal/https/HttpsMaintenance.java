package io.portal.https;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledFuture;

import io.portal.store.StoreFollower;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.TaskScheduler;

/**
 * The running portal's regular round for forcing HTTPS and HSTS, once at startup (after
 * the bindings listen) and then every {@code portal.settings-refresh}: read the stored
 * settings (other portals sharing the store may have changed them), move the HSTS ramp,
 * and log each warning when it first appears.
 */
class HttpsMaintenance implements SmartLifecycle, StoreFollower {

    private static final Log logger = LogFactory.getLog(HttpsMaintenance.class);

    private final LiveHttpsSettings settings;

    private final HstsRamp ramp;

    private final ServedCertificates certificates;

    private final HttpsWarnings warnings;

    private final TaskScheduler scheduler;

    private final Duration interval;

    private List<HttpsWarning> logged = List.of();

    private String lastFailure;

    private volatile ScheduledFuture<?> task;

    HttpsMaintenance(LiveHttpsSettings settings, HstsRamp ramp, ServedCertificates certificates, HttpsWarnings warnings,
            TaskScheduler scheduler, Duration interval) {
        this.settings = settings;
        this.ramp = ramp;
        this.certificates = certificates;
        this.warnings = warnings;
        this.scheduler = scheduler;
        this.interval = interval;
    }

    @Override
    public int getOrder() {
        return HTTPS_SETTINGS;
    }

    /**
     * A round at once, when another node changed what is stored.
     */
    @Override
    public void follow() {
        run();
    }

    /**
     * One round.
     */
    synchronized void run() {
        try {
            this.settings.refresh();
            HttpsSettings current = this.settings.get();
            boolean ramping = current.hstsEnabled() && current.hstsRamp();
            this.ramp.update(current, ramping ? this.certificates.problems() : List.of());
            logNewWarnings();
            this.lastFailure = null;
        }
        catch (RuntimeException ex) {
            String failure = String.valueOf(ex.getMessage());
            if (!failure.equals(this.lastFailure)) {
                logger.warn("Cannot refresh the HTTPS settings from the state store; the current ones stay in force: "
                        + failure);
                this.lastFailure = failure;
            }
        }
    }

    private void logNewWarnings() {
        List<HttpsWarning> current = this.warnings.current();
        List<HttpsWarning> fresh = new ArrayList<>(current);
        fresh.removeAll(this.logged);
        fresh.forEach((warning) -> logger.warn((warning.code().startsWith("binding-") ? "Binding warning: " : "HTTPS warning: ")
                + warning));
        this.logged.stream()
            .filter((warning) -> !current.contains(warning))
            .forEach((warning) -> logger.info("HTTPS warning resolved: [" + warning.code() + "]"));
        this.logged = current;
    }

    @Override
    public void start() {
        run();
        this.task = this.scheduler.scheduleWithFixedDelay(this::run, this.interval);
    }

    @Override
    public void stop() {
        ScheduledFuture<?> scheduled = this.task;
        if (scheduled != null) {
            scheduled.cancel(false);
        }
        this.task = null;
    }

    @Override
    public boolean isRunning() {
        return this.task != null;
    }

}
