package io.portal.https;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What the portal remembers about HSTS across restarts, in the state store: since when the
 * header has been sent, and where the ramp stands. One row.
 */
public class HstsStateStore {

    private final JdbcClient jdbc;

    public HstsStateStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public State load() {
        return this.jdbc.sql("select enabled_since, ramp_max_age, ramp_step_since from hsts_state where id = 1")
            .query((rs, row) -> new State(instant(rs.getObject("enabled_since", OffsetDateTime.class)),
                    (rs.getObject("ramp_max_age") != null) ? Duration.ofSeconds(rs.getLong("ramp_max_age")) : null,
                    instant(rs.getObject("ramp_step_since", OffsetDateTime.class))))
            .optional()
            .orElse(State.NONE);
    }

    public void save(State state) {
        Object[] values = { utc(state.enabledSince()), (state.rampMaxAge() != null) ? state.rampMaxAge().getSeconds() : null,
                utc(state.rampStepSince()) };
        String update = "update hsts_state set enabled_since = ?, ramp_max_age = ?, ramp_step_since = ? where id = 1";
        if (this.jdbc.sql(update).params(values).update() > 0) {
            return;
        }
        try {
            this.jdbc.sql("insert into hsts_state (id, enabled_since, ramp_max_age, ramp_step_since) values (1, ?, ?, ?)")
                .params(values)
                .update();
        }
        catch (DuplicateKeyException ex) {
            // Another portal sharing the store inserted the row first.
            this.jdbc.sql(update).params(values).update();
        }
    }

    private static Instant instant(OffsetDateTime time) {
        return (time != null) ? time.toInstant() : null;
    }

    private static OffsetDateTime utc(Instant instant) {
        return Optional.ofNullable(instant).map((i) -> i.atOffset(ZoneOffset.UTC)).orElse(null);
    }

    /**
     * The remembered state.
     *
     * @param enabledSince since when HSTS has been on, or {@code null} when off
     * @param rampMaxAge the ramp's current max-age, or {@code null} when not ramping
     * @param rampStepSince since when the ramp has been on its current step
     */
    public record State(Instant enabledSince, Duration rampMaxAge, Instant rampStepSince) {

        static final State NONE = new State(null, null, null);

        State withEnabledSince(Instant since) {
            return new State(since, this.rampMaxAge, this.rampStepSince);
        }

        State withRamp(Duration maxAge, Instant since) {
            return new State(this.enabledSince, maxAge, since);
        }

    }

}
