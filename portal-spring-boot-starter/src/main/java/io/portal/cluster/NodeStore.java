package io.portal.cluster;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.portal.cluster.NodeReport.BindingState;

import org.springframework.jdbc.core.simple.JdbcClient;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@code portal_node} table: one row per node that shares the store, written by the
 * node itself.
 */
class NodeStore {

    private static final TypeReference<List<BindingState>> STATES = new TypeReference<>() {
    };

    private final JdbcClient jdbc;

    private final JsonMapper json;

    private final Clock clock;

    NodeStore(JdbcClient jdbc, JsonMapper json, Clock clock) {
        this.jdbc = jdbc;
        this.json = json;
        this.clock = clock;
    }

    /**
     * Record what a node reports of itself.
     */
    void save(NodeIdentity node, Instant startedAt, Instant followedAt, String problem, List<BindingState> bindings) {
        String state = this.json.writeValueAsString(bindings);
        Timestamp now = Timestamp.from(this.clock.instant());
        String bounded = (problem != null && problem.length() > 1000) ? problem.substring(0, 1000) : problem;
        int updated = this.jdbc.sql("update portal_node set name = ?, started_at = ?, last_seen_at = ?, last_followed_at = ?, "
                + "follow_problem = ?, state = ? where id = ?")
            .params(node.name(), Timestamp.from(startedAt), now, timestamp(followedAt), bounded, state, node.id())
            .update();
        if (updated == 0) {
            this.jdbc.sql("insert into portal_node (id, name, started_at, last_seen_at, last_followed_at, follow_problem, state) "
                    + "values (?, ?, ?, ?, ?, ?, ?)")
                .params(node.id(), node.name(), Timestamp.from(startedAt), now, timestamp(followedAt), bounded, state)
                .update();
        }
    }

    /**
     * Every node, by name.
     * @param self this node, marked as such
     * @param staleAfter how long without a report makes a node stale
     * @return the nodes
     */
    List<NodeReport> all(NodeIdentity self, Duration staleAfter) {
        Instant now = this.clock.instant();
        return this.jdbc.sql("select id, name, started_at, last_seen_at, last_followed_at, follow_problem, state "
                + "from portal_node order by name, id")
            .query((rs, row) -> {
                Instant lastSeen = rs.getTimestamp("last_seen_at").toInstant();
                Timestamp followed = rs.getTimestamp("last_followed_at");
                return new NodeReport(rs.getString("id"), rs.getString("name"), rs.getString("id").equals(self.id()),
                        rs.getTimestamp("started_at").toInstant(), lastSeen, (followed != null) ? followed.toInstant() : null,
                        rs.getString("follow_problem"), lastSeen.plus(staleAfter).isBefore(now),
                        this.json.readValue(rs.getString("state"), STATES));
            })
            .list();
    }

    private static Timestamp timestamp(Instant instant) {
        return (instant != null) ? Timestamp.from(instant) : null;
    }

}
