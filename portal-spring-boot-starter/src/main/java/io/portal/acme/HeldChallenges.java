package io.portal.acme;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The HTTP-01 challenges this node presented or answered, in memory, so that it keeps
 * answering them while the state store is out of reach: a CA that validates during a
 * database outage still gets its answer from the node that holds it. The store stays the
 * truth whenever it answers (a challenge withdrawn there is forgotten here). At most
 * {@link #CAPACITY} challenges, none older than a day, as in the store.
 */
final class HeldChallenges {

    static final int CAPACITY = 256;

    private static final Duration LIFETIME = Duration.ofDays(1);

    private final Clock clock;

    private final Map<String, PendingChallenge> challenges = new LinkedHashMap<>(16, 0.75f, true) {

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, PendingChallenge> eldest) {
            return size() > CAPACITY;
        }

    };

    HeldChallenges(Clock clock) {
        this.clock = clock;
    }

    synchronized void hold(PendingChallenge challenge) {
        this.challenges.put(challenge.token(), challenge);
    }

    synchronized void release(String token) {
        this.challenges.remove(token);
    }

    synchronized Optional<PendingChallenge> find(String token) {
        PendingChallenge challenge = this.challenges.get(token);
        if (challenge != null && challenge.createdAt().plus(LIFETIME).isBefore(this.clock.instant())) {
            this.challenges.remove(token);
            return Optional.empty();
        }
        return Optional.ofNullable(challenge);
    }

}
