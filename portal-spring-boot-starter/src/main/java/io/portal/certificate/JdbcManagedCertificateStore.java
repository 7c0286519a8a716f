package io.portal.certificate;

import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import io.portal.store.SecretCipher;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * {@link ManagedCertificateStore} in the relational state store. The private key is sealed
 * with the master key, bound to the certificate's name.
 */
public class JdbcManagedCertificateStore implements ManagedCertificateStore {

    private final JdbcClient jdbc;

    private final SecretCipher cipher;

    private final TransactionTemplate transactions;

    public JdbcManagedCertificateStore(JdbcClient jdbc, SecretCipher cipher, TransactionTemplate transactions) {
        this.jdbc = jdbc;
        this.cipher = cipher;
        this.transactions = transactions;
    }

    @Override
    public Optional<StoredCertificate> find(String name) {
        return this.jdbc.sql("""
                select name, kind, spec, certificate_chain, private_key, updated_at
                from managed_certificate where name = ?""").param(name).query(this::map).optional();
    }

    @Override
    public List<String> names() {
        return this.jdbc.sql("select name from managed_certificate order by name").query(String.class).list();
    }

    @Override
    public void save(StoredCertificate certificate) {
        CertificateAndKey material = certificate.material();
        String chain = Pem.encode(material.chain());
        String sealedKey = this.cipher.seal(context(certificate.name()),
                Pem.encode(material.privateKey()).getBytes(StandardCharsets.US_ASCII));
        OffsetDateTime notBefore = utc(material.leaf().getNotBefore().toInstant());
        OffsetDateTime notAfter = utc(material.leaf().getNotAfter().toInstant());
        OffsetDateTime updated = utc(certificate.updatedAt());
        this.transactions.executeWithoutResult((status) -> {
            int updatedRows = this.jdbc.sql("""
                    update managed_certificate set kind = ?, spec = ?, certificate_chain = ?, private_key = ?,
                    not_before = ?, not_after = ?, updated_at = ? where name = ?""")
                .params(certificate.kind(), certificate.spec(), chain, sealedKey, notBefore, notAfter, updated,
                        certificate.name())
                .update();
            if (updatedRows == 0) {
                this.jdbc.sql("""
                        insert into managed_certificate (name, kind, spec, certificate_chain, private_key,
                        not_before, not_after, created_at, updated_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                    .params(certificate.name(), certificate.kind(), certificate.spec(), chain, sealedKey, notBefore,
                            notAfter, updated, updated)
                    .update();
            }
        });
    }

    private StoredCertificate map(ResultSet rs, int row) throws SQLException {
        String name = rs.getString("name");
        String keyPem = new String(this.cipher.open(context(name), rs.getString("private_key")), StandardCharsets.US_ASCII);
        CertificateAndKey material = new CertificateAndKey(Pem.certificates(rs.getString("certificate_chain")),
                Pem.privateKey(keyPem));
        Instant updated = rs.getObject("updated_at", OffsetDateTime.class).toInstant();
        return new StoredCertificate(name, rs.getString("kind"), rs.getString("spec"), material, updated);
    }

    private static String context(String name) {
        return "managed_certificate:" + name;
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }


}
