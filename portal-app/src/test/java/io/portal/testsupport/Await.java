package io.portal.testsupport;

import java.time.Duration;
import java.util.function.Supplier;

/**
 * Waits for something another process or thread does, such as an external server coming
 * up. Not for renewals: those are driven through {@link ManualTime}.
 */
public final class Await {

    private Await() {
    }

    public static <T> T until(String what, Duration timeout, Supplier<T> probe) {
        long deadline = System.nanoTime() + timeout.toNanos();
        RuntimeException last = null;
        while (System.nanoTime() < deadline) {
            try {
                T value = probe.get();
                if (value != null && !Boolean.FALSE.equals(value)) {
                    return value;
                }
            }
            catch (RuntimeException ex) {
                last = ex;
            }
            try {
                Thread.sleep(50);
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(ex);
            }
        }
        throw new AssertionError("Timed out after " + timeout + " waiting for " + what
                + ((last != null) ? " (last failure: " + last + ")" : ""), last);
    }

}
