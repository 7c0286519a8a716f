package io.portal.acme;

import java.time.Clock;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Publishes HTTP-01 challenge answers in the state store, where the challenge endpoint of
 * every node finds them, and withdraws them once the CA has decided.
 */
class Http01Solver {

    private static final Log logger = LogFactory.getLog(Http01Solver.class);

    private final AcmeStore store;

    private final Clock clock;

    Http01Solver(AcmeStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    void present(String certificate, String domain, String token, String keyAuthorization) {
        this.store.putChallenge(new PendingChallenge(token, keyAuthorization, domain, certificate, this.clock.instant()));
    }

    void cleanUp(String token) {
        try {
            this.store.removeChallenge(token);
        }
        catch (RuntimeException ex) {
            // A leftover challenge is harmless and purged a day later.
            logger.debug("Cannot remove ACME challenge " + token + ": " + ex.getMessage());
        }
    }

}
