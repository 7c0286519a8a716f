package io.portal.https;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.portal.https.HstsStateStore.State;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * The max-age the portal sends, and the memory behind it: since when HSTS has been on, and
 * with {@code portal.hsts.ramp}, the current step of the ramp.
 * <p>
 * The ramp starts at 5 minutes and moves to the next step (1 hour, 1 day, 7 days, 30 days,
 * then the configured max-age; steps not below it are skipped) once the current step's
 * max-age has passed with every HTTPS binding serving a trusted, unexpired certificate:
 * by then every browser that saw the shorter value has either come back or forgotten it.
 * The first problem sends it back to 5 minutes, and the count starts again once the
 * problem is gone. The state is persisted, so a restart keeps the step. Thread-safe.
 */
public class HstsRamp {

    /**
     * The steps below the configured max-age.
     */
    public static final List<Duration> STEPS = List.of(Duration.ofMinutes(5), Duration.ofHours(1), Duration.ofDays(1),
            Duration.ofDays(7), Duration.ofDays(30));

    private static final Log logger = LogFactory.getLog(HstsRamp.class);

    private final HstsStateStore store;

    private final Clock clock;

    private volatile State state;

    private Boolean healthy;

    public HstsRamp(HstsStateStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
        this.state = store.load();
    }

    /**
     * The max-age to send now.
     * @param settings the current settings
     * @return the configured max-age, or the ramp's current step
     */
    public Duration maxAge(HttpsSettings settings) {
        if (!settings.hstsRamp()) {
            return settings.hstsMaxAge();
        }
        List<Duration> steps = steps(settings.hstsMaxAge());
        return steps.get(index(steps, this.state.rampMaxAge()));
    }

    /**
     * Since when HSTS has been on, as far as this portal has seen.
     * @return the time, or {@code null} if it is off
     */
    public Instant enabledSince() {
        return this.state.enabledSince();
    }

    /**
     * Bring the state up to date: note when HSTS was turned on or off, and move the ramp.
     * @param settings the current settings
     * @param problems why the certificates served cannot be trusted now; empty if they can
     */
    public synchronized void update(HttpsSettings settings, List<String> problems) {
        State before = this.state;
        State after = next(before, settings, problems, this.clock.instant());
        this.healthy = settings.hstsEnabled() && settings.hstsRamp() ? problems.isEmpty() : null;
        if (!after.equals(before)) {
            this.store.save(after);
            this.state = after;
        }
    }

    private State next(State state, HttpsSettings settings, List<String> problems, Instant now) {
        if (!settings.hstsEnabled()) {
            return State.NONE;
        }
        State result = (state.enabledSince() != null) ? state : state.withEnabledSince(now);
        if (!settings.hstsRamp()) {
            return result.withRamp(null, null);
        }
        List<Duration> steps = steps(settings.hstsMaxAge());
        Duration first = steps.get(0);
        if (result.rampMaxAge() == null) {
            logger.info("HSTS ramp starts: max-age " + HttpsSetting.formatDuration(first));
            return result.withRamp(first, now);
        }
        int index = index(steps, result.rampMaxAge());
        Duration current = steps.get(index);
        if (!problems.isEmpty()) {
            if (index > 0 || Boolean.TRUE.equals(this.healthy)) {
                logger.warn("HSTS ramp back to max-age " + HttpsSetting.formatDuration(first) + " because "
                        + String.join("; ", problems));
                return result.withRamp(first, now);
            }
            return result;
        }
        if (Boolean.FALSE.equals(this.healthy)) {
            return result.withRamp(current, now);
        }
        if (index + 1 < steps.size() && !now.isBefore(result.rampStepSince().plus(current))) {
            Duration next = steps.get(index + 1);
            logger.info("HSTS ramp: max-age raised to " + HttpsSetting.formatDuration(next) + " after "
                    + HttpsSetting.formatDuration(current) + " without certificate problems");
            return result.withRamp(next, now);
        }
        return result.withRamp(current, result.rampStepSince());
    }

    /**
     * The ramp's steps up to a configured max-age.
     * @param maxAge the configured max-age
     * @return the steps, ending with {@code maxAge}
     */
    public static List<Duration> steps(Duration maxAge) {
        List<Duration> steps = new ArrayList<>(STEPS.stream().filter((step) -> step.compareTo(maxAge) < 0).toList());
        steps.add(maxAge);
        return List.copyOf(steps);
    }

    /**
     * The step a stored max-age stands for: the largest step not above it, so that a
     * lower configured max-age takes effect at once.
     */
    private static int index(List<Duration> steps, Duration stored) {
        if (stored == null) {
            return 0;
        }
        int index = 0;
        for (int i = 0; i < steps.size(); i++) {
            if (steps.get(i).compareTo(stored) <= 0) {
                index = i;
            }
        }
        return index;
    }

}
