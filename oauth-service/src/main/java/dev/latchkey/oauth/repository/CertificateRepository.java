package dev.latchkey.oauth.repository;

import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static dev.latchkey.oauth.repository.ApplicationRepository.instant;
import static dev.latchkey.oauth.repository.SigningKeyRepository.utc;

/** Client certificates (issued by the CA, or self-signed and registered by the application) and the CA's (encrypted) key. */
@ApplicationScoped
public class CertificateRepository {
    public static final long CA_LOCK = 0x4c4b4f41_0002L;

    public record StoredCertificate(String serialNumber, String tenant, UUID applicationId, String thumbprint,
                                    String certificatePem, Instant notBefore, Instant notAfter, String status) {
    }

    /** A certificate an application registered for self_signed_tls_client_auth: its thumbprint and dates only. */
    public record SelfSigned(String tenant, UUID applicationId, String thumbprint, String serialNumber, Instant notBefore,
                             Instant notAfter, Instant createdAt) {
    }

    public record StoredCa(String certificatePem, byte[] privateKeyEncrypted) {
    }

    private final Pool pool;

    CertificateRepository(Pool pool) {
        this.pool = pool;
    }

    public Uni<Optional<StoredCa>> ca(SqlClient client) {
        return client.query("SELECT certificate_pem, private_key_encrypted FROM certificate_authority WHERE id = 1").execute()
                .map(rows -> {
                    var it = rows.iterator();
                    if (!it.hasNext()) {
                        return Optional.empty();
                    }
                    Row r = it.next();
                    return Optional.of(new StoredCa(r.getString("certificate_pem"), r.getBuffer("private_key_encrypted").getBytes()));
                });
    }

    public Uni<Void> insertCa(SqlClient tx, StoredCa ca) {
        return tx.preparedQuery("""
                        INSERT INTO certificate_authority (id, certificate_pem, private_key_encrypted, created_at)
                        VALUES (1, $1, $2, now()) ON CONFLICT (id) DO NOTHING""")
                .execute(Tuple.of(ca.certificatePem(), Buffer.buffer(ca.privateKeyEncrypted()))).replaceWithVoid();
    }

    public Uni<Void> lock(SqlClient tx, long key) {
        return tx.preparedQuery("SELECT pg_advisory_xact_lock($1)").execute(Tuple.of(key)).replaceWithVoid();
    }

    public Uni<Void> insert(SqlClient tx, StoredCertificate c) {
        return tx.preparedQuery("""
                        INSERT INTO client_certificates (serial_number, tenant, application_id, thumbprint, certificate_pem,
                          not_before, not_after, status, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, now())""")
                .execute(Tuple.from(new Object[]{c.serialNumber(), c.tenant(), c.applicationId(), c.thumbprint(),
                        c.certificatePem(), utc(c.notBefore()), utc(c.notAfter()), c.status()}))
                .replaceWithVoid();
    }

    public Uni<Void> replaceActive(SqlClient tx, UUID applicationId) {
        return tx.preparedQuery("UPDATE client_certificates SET status = 'replaced' WHERE application_id = $1 AND status = 'active'")
                .execute(Tuple.of(applicationId)).replaceWithVoid();
    }

    public Uni<Optional<StoredCertificate>> active(SqlClient client, String tenant, UUID applicationId) {
        return client.preparedQuery("""
                        SELECT * FROM client_certificates WHERE tenant = $1 AND application_id = $2 AND status = 'active'
                        ORDER BY not_after DESC LIMIT 1""")
                .execute(Tuple.of(tenant, applicationId))
                .map(rows -> {
                    var it = rows.iterator();
                    return it.hasNext() ? Optional.of(map(it.next())) : Optional.empty();
                });
    }

    public Uni<Map<String, Instant>> activeThumbprints(UUID applicationId) {
        return pool.preparedQuery("SELECT thumbprint, not_after FROM client_certificates WHERE application_id = $1 AND status = 'active'")
                .execute(Tuple.of(applicationId))
                .map(rows -> {
                    Map<String, Instant> m = new LinkedHashMap<>();
                    rows.forEach(r -> m.put(r.getString("thumbprint"), instant(r.getOffsetDateTime("not_after"))));
                    return m;
                });
    }

    /** Active certificates expiring before {@code before} that were not announced yet; marks them announced. */
    public Uni<List<StoredCertificate>> claimExpiring(SqlClient tx, Instant before) {
        return tx.preparedQuery("""
                        UPDATE client_certificates SET expiring_notified_at = now()
                        WHERE status = 'active' AND expiring_notified_at IS NULL AND not_after < $1
                        RETURNING *""")
                .execute(Tuple.of(utc(before)))
                .map(rows -> {
                    List<StoredCertificate> list = new ArrayList<>();
                    rows.forEach(r -> list.add(map(r)));
                    return list;
                });
    }

    /** Registers a self-signed certificate; false when the application has it already. */
    public Uni<Boolean> insertSelfSigned(SqlClient tx, SelfSigned c) {
        return tx.preparedQuery("""
                        INSERT INTO self_signed_certificates (tenant, application_id, thumbprint, serial_number, not_before,
                          not_after, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT DO NOTHING""")
                .execute(Tuple.from(new Object[]{c.tenant(), c.applicationId(), c.thumbprint(), c.serialNumber(),
                        utc(c.notBefore()), utc(c.notAfter()), utc(c.createdAt())}))
                .map(rows -> rows.rowCount() == 1);
    }

    public Uni<List<SelfSigned>> selfSigned(SqlClient client, String tenant, UUID applicationId) {
        return client.preparedQuery("""
                        SELECT * FROM self_signed_certificates WHERE tenant = $1 AND application_id = $2
                        ORDER BY created_at, thumbprint""")
                .execute(Tuple.of(tenant, applicationId))
                .map(rows -> {
                    List<SelfSigned> list = new ArrayList<>();
                    rows.forEach(r -> list.add(mapSelfSigned(r)));
                    return list;
                });
    }

    /** The removed certificate, or empty when the application has no certificate with this thumbprint. */
    public Uni<Optional<SelfSigned>> deleteSelfSigned(SqlClient tx, String tenant, UUID applicationId, String thumbprint) {
        return tx.preparedQuery("""
                        DELETE FROM self_signed_certificates WHERE tenant = $1 AND application_id = $2 AND thumbprint = $3
                        RETURNING *""")
                .execute(Tuple.of(tenant, applicationId, thumbprint))
                .map(rows -> {
                    var it = rows.iterator();
                    return it.hasNext() ? Optional.of(mapSelfSigned(it.next())) : Optional.empty();
                });
    }

    /** Thumbprint → notAfter of the self-signed certificates the application registered (the token endpoint's view). */
    public Uni<Map<String, Instant>> selfSignedThumbprints(UUID applicationId) {
        return pool.preparedQuery("SELECT thumbprint, not_after FROM self_signed_certificates WHERE application_id = $1")
                .execute(Tuple.of(applicationId))
                .map(rows -> {
                    Map<String, Instant> m = new LinkedHashMap<>();
                    rows.forEach(r -> m.put(r.getString("thumbprint"), instant(r.getOffsetDateTime("not_after"))));
                    return m;
                });
    }

    private static SelfSigned mapSelfSigned(Row r) {
        return new SelfSigned(r.getString("tenant"), r.getUUID("application_id"), r.getString("thumbprint"),
                r.getString("serial_number"), instant(r.getOffsetDateTime("not_before")),
                instant(r.getOffsetDateTime("not_after")), instant(r.getOffsetDateTime("created_at")));
    }

    private static StoredCertificate map(Row r) {
        return new StoredCertificate(r.getString("serial_number"), r.getString("tenant"), r.getUUID("application_id"),
                r.getString("thumbprint"), r.getString("certificate_pem"), instant(r.getOffsetDateTime("not_before")),
                instant(r.getOffsetDateTime("not_after")), r.getString("status"));
    }
}
