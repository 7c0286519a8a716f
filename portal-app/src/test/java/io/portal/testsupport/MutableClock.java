package io.portal.testsupport;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A clock that runs with the system clock, shifted forward by whatever a test adds, so
 * that a test can jump hours ahead while certificates a real CA issued just now are still
 * valid by it.
 */
public final class MutableClock extends Clock {

    private final AtomicReference<Duration> offset = new AtomicReference<>(Duration.ZERO);

    public void advance(Duration duration) {
        this.offset.updateAndGet((current) -> current.plus(duration));
    }

    @Override
    public Instant instant() {
        return Instant.now().plus(this.offset.get());
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

}
