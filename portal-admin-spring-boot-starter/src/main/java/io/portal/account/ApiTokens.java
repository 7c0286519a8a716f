package io.portal.account;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * API tokens for automation. A token reads {@code ptk_<id>_<secret>}: the id finds it, and
 * only a SHA-256 hash of the high-entropy secret is stored, so the store cannot give a
 * token away. The whole token is shown once, when it is created.
 */
public class ApiTokens {

    private static final Log logger = LogFactory.getLog(ApiTokens.class);

    private static final String PREFIX = "ptk_";

    private static final Duration LAST_USED_PRECISION = Duration.ofMinutes(1);

    private final JdbcClient jdbc;

    private final Clock clock;

    private final SecureRandom random = new SecureRandom();

    /**
     * This process, for tokens made for the shell commands on its machine: they are
     * accepted by the process that made them only.
     */
    private final String process = random(12);

    public ApiTokens(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /**
     * A newly created token: the listing entry and the secret token, shown once.
     *
     * @param token the entry
     * @param secret the whole token to send as {@code Authorization: Bearer}
     */
    public record Created(ApiToken token, String secret) {
    }

    public Created create(String name, String username) {
        String id = random(9);
        String secret = random(32);
        Instant now = this.clock.instant();
        this.jdbc.sql("insert into api_token (id, name, username, secret_hash, created_at) values (?, ?, ?, ?, ?)")
            .params(id, name, username, hash(secret), utc(now))
            .update();
        return new Created(new ApiToken(id, name, username, now, null, null), PREFIX + id + "_" + secret);
    }

    /**
     * Make a token for the shell commands on this machine, replacing those made at the
     * previous starts of the same node: the one named, and every other one the node left
     * behind (a run killed before it could remove its token, or whose record of it was
     * lost). It is accepted by this process only, and is not listed with the tokens
     * operators create.
     * @param name what it is for
     * @param username the account it acts for
     * @param node what identifies this node among those sharing the store, the same at
     * every start (such as its host and data directory)
     * @param previous the previous local token, to delete, or {@code null}
     * @return the token
     */
    public Created createLocal(String name, String username, String node, String previous) {
        deleteLocal(previous);
        String prefix = nodePrefix(node);
        int stale = this.jdbc.sql("delete from api_token where local_to like ?").param(prefix + "%").update();
        if (stale > 0) {
            logger.info("Removed " + stale + " shell token" + ((stale > 1) ? "s" : "") + " left by an earlier run of this node");
        }
        Created created = create(name, username);
        this.jdbc.sql("update api_token set local_to = ? where id = ?").params(prefix + this.process, created.token().id()).update();
        return created;
    }

    /**
     * The start of {@code local_to} for the tokens of a node: a hash of its identity,
     * which the column holds together with the process.
     */
    private static String nodePrefix(String node) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(node.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 12) + "/";
        }
        catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException(ex);
        }
    }

    /**
     * Delete a token made by {@link #createLocal}.
     * @param token the token as it was handed out, or {@code null}
     */
    public void deleteLocal(String token) {
        if (token != null && token.startsWith(PREFIX) && token.indexOf('_', PREFIX.length()) > 0) {
            String id = token.substring(PREFIX.length(), token.indexOf('_', PREFIX.length()));
            this.jdbc.sql("delete from api_token where id = ? and local_to is not null").param(id).update();
        }
    }

    public List<ApiToken> list() {
        return this.jdbc.sql("select * from api_token where local_to is null order by created_at").query(this::map).list();
    }

    /**
     * Revoke a token: it stops working at once and stays listed as revoked.
     * @param id the token's id
     * @return whether a token with that id exists
     */
    public boolean revoke(String id) {
        return this.jdbc.sql("update api_token set revoked_at = coalesce(revoked_at, ?) where id = ?").params(utc(this.clock.instant()), id)
            .update() == 1;
    }

    /**
     * The account a token acts for, if the token is valid and not revoked.
     * @param token the token as sent
     * @return the token's entry
     */
    public Optional<ApiToken> authenticate(String token) {
        if (token == null || !token.startsWith(PREFIX)) {
            return Optional.empty();
        }
        int separator = token.indexOf('_', PREFIX.length());
        if (separator < 0) {
            return Optional.empty();
        }
        String id = token.substring(PREFIX.length(), separator);
        String secret = token.substring(separator + 1);
        Optional<String> storedHash = this.jdbc.sql("select secret_hash from api_token where id = ? and revoked_at is null "
                + "and (local_to is null or local_to like ?)").params(id, "%/" + this.process)
            .query(String.class).optional();
        if (storedHash.isEmpty() || !MessageDigest.isEqual(storedHash.get().getBytes(StandardCharsets.US_ASCII),
                hash(secret).getBytes(StandardCharsets.US_ASCII))) {
            return Optional.empty();
        }
        Instant now = this.clock.instant();
        this.jdbc.sql("update api_token set last_used_at = ? where id = ? and (last_used_at is null or last_used_at < ?)")
            .params(utc(now), id, utc(now.minus(LAST_USED_PRECISION)))
            .update();
        return this.jdbc.sql("select * from api_token where id = ?").param(id).query(this::map).optional();
    }

    private ApiToken map(ResultSet rs, int row) throws SQLException {
        return new ApiToken(rs.getString("id"), rs.getString("name"), rs.getString("username"), instant(rs, "created_at"),
                instant(rs, "last_used_at"), instant(rs, "revoked_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return (value != null) ? value.toInstant() : null;
    }

    private String random(int bytes) {
        byte[] value = new byte[bytes];
        this.random.nextBytes(value);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(value).replace('_', 'x').replace('-', 'y');
    }

    private static String hash(String secret) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)));
        }
        catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

}
