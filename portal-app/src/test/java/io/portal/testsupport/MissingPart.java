package io.portal.testsupport;

import org.junit.jupiter.api.Assumptions;

/**
 * What a test does when a part it needs is missing from the machine: skipped locally,
 * failed when {@code CI=true}.
 */
public final class MissingPart {

    private MissingPart() {
    }

    /**
     * Skip the test, or fail it on CI.
     * @param reason what is missing and how to get it
     */
    public static void skipOrFail(String reason) {
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new IllegalStateException(reason + "; CI=true, so this test fails instead of being skipped");
        }
        Assumptions.abort(reason);
    }

}
