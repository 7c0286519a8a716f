package io.portal.binding;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * {@link BindingStore} in the relational state store.
 */
public class JdbcBindingStore implements BindingStore {

    private final JdbcClient jdbc;

    private final Clock clock;

    public JdbcBindingStore(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Override
    public List<Binding> findAll() {
        return this.jdbc.sql("select * from runtime_binding order by name").query(this::map).list();
    }

    @Override
    public Optional<Binding> find(String name) {
        return this.jdbc.sql("select * from runtime_binding where name = ?").param(name).query(this::map).optional();
    }

    @Override
    public void insert(Binding binding) {
        OffsetDateTime now = OffsetDateTime.now(this.clock).withOffsetSameInstant(ZoneOffset.UTC);
        this.jdbc.sql("""
                insert into runtime_binding (name, scheme, address, port, ssl_bundle, sni, protocols, ciphers, redirect_to,
                created_at, updated_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
            .params(binding.name(), binding.scheme().id(), binding.address(), binding.port(), binding.sslBundle(),
                    encode(binding.sni()), String.join(",", binding.protocols()), String.join(",", binding.ciphers()),
                    binding.redirectTo(), now, now)
            .update();
    }

    @Override
    public void update(Binding binding) {
        OffsetDateTime now = OffsetDateTime.now(this.clock).withOffsetSameInstant(ZoneOffset.UTC);
        int rows = this.jdbc.sql("""
                update runtime_binding set scheme = ?, address = ?, port = ?, ssl_bundle = ?, sni = ?, protocols = ?,
                ciphers = ?, redirect_to = ?, updated_at = ? where name = ?""")
            .params(binding.scheme().id(), binding.address(), binding.port(), binding.sslBundle(), encode(binding.sni()),
                    String.join(",", binding.protocols()), String.join(",", binding.ciphers()), binding.redirectTo(), now,
                    binding.name())
            .update();
        if (rows != 1) {
            throw new IllegalStateException("No stored binding '" + binding.name() + "' to update");
        }
    }

    @Override
    public void delete(String name) {
        this.jdbc.sql("delete from runtime_binding where name = ?").param(name).update();
    }

    private Binding map(ResultSet rs, int row) throws SQLException {
        return new Binding(rs.getString("name"), Scheme.valueOf(rs.getString("scheme").toUpperCase()), rs.getString("address"),
                rs.getInt("port"), rs.getString("ssl_bundle"), decode(rs.getString("sni")), list(rs.getString("protocols")),
                list(rs.getString("ciphers")), rs.getString("redirect_to"), Binding.Source.API);
    }

    private static String encode(Map<String, String> sni) {
        return sni.entrySet().stream().map((e) -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining("\n"));
    }

    private static Map<String, String> decode(String text) {
        Map<String, String> sni = new LinkedHashMap<>();
        if (text != null && !text.isBlank()) {
            for (String line : text.split("\n")) {
                int equals = line.indexOf('=');
                sni.put(line.substring(0, equals), line.substring(equals + 1));
            }
        }
        return sni;
    }

    private static List<String> list(String text) {
        return (text == null || text.isBlank()) ? List.of() : Arrays.asList(text.split(","));
    }

}
