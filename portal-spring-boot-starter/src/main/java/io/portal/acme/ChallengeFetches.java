package io.portal.acme;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * When the CA has fetched a challenge that this node presented: the wait for the CA's
 * verdict then ends a moment after the fetch instead of at the next pause of the polling
 * schedule. The CA fetches the token over HTTP (from the challenge filter of whichever
 * node the address reaches), and decides right after; when another node answered it, the
 * schedule applies as before.
 */
final class ChallengeFetches {

    /**
     * How long after the fetch the CA is asked: time for it to fetch from its other
     * vantage points and record its verdict.
     */
    static final Duration SETTLE = Duration.ofMillis(25);

    private final Map<String, CountDownLatch> expected = new ConcurrentHashMap<>();

    /**
     * Wait for the CA to fetch this token.
     * @param token the challenge's token
     */
    void expect(String token) {
        this.expected.put(token, new CountDownLatch(1));
    }

    /**
     * The CA (or anyone) fetched the token from this node.
     * @param token the token
     */
    void fetched(String token) {
        CountDownLatch latch = this.expected.get(token);
        if (latch != null) {
            latch.countDown();
        }
    }

    /**
     * Stop waiting for the token.
     * @param token the token
     */
    void forget(String token) {
        this.expected.remove(token);
    }

    /**
     * Pauses for polling the challenge of a token: each ends at its length or, the first
     * time the token is fetched, {@link #SETTLE} after the fetch.
     * @param token the token
     * @return the pauses
     */
    AcmePolling.Pauses pausesFor(String token) {
        return (pause) -> {
            CountDownLatch latch = this.expected.get(token);
            if (latch == null || latch.getCount() == 0) {
                Thread.sleep(pause.toMillis());
                return;
            }
            if (latch.await(pause.toMillis(), TimeUnit.MILLISECONDS)) {
                Thread.sleep(SETTLE.toMillis());
            }
        };
    }

}
