package dev.latchkey.oauth.repository;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

@ApplicationScoped
public class SigningKeyRepository {
    /** Held (transaction-scoped) by the replica that creates or rotates keys; the others skip. */
    public static final long ROTATION_LOCK = 0x4c4b4f41_0001L;

    public record StoredKey(String kid, String alg, String status, byte[] privateKeyEncrypted, String publicJwk,
                            Instant createdAt, Instant notBefore) {
    }

    private final Pool pool;

    SigningKeyRepository(Pool pool) {
        this.pool = pool;
    }

    public Uni<List<StoredKey>> published() {
        return live(pool);
    }

    public Uni<List<StoredKey>> live(SqlClient client) {
        return client.query("""
                        SELECT kid, alg, status, private_key_encrypted, public_jwk, created_at, not_before
                        FROM signing_keys WHERE status IN ('next', 'current', 'previous') ORDER BY created_at""")
                .execute().map(rows -> {
                    List<StoredKey> keys = new ArrayList<>();
                    for (Row r : rows) {
                        keys.add(new StoredKey(r.getString("kid"), r.getString("alg"), r.getString("status"),
                                r.getBuffer("private_key_encrypted").getBytes(), r.getString("public_jwk"),
                                r.getOffsetDateTime("created_at").toInstant(), r.getOffsetDateTime("not_before").toInstant()));
                    }
                    return keys;
                });
    }

    public Uni<Boolean> tryLock(SqlClient tx) {
        return tx.preparedQuery("SELECT pg_try_advisory_xact_lock($1) AS locked").execute(Tuple.of(ROTATION_LOCK))
                .map(rows -> rows.iterator().next().getBoolean("locked"));
    }

    public Uni<Void> insert(SqlClient tx, StoredKey key) {
        return tx.preparedQuery("""
                        INSERT INTO signing_keys (kid, alg, status, private_key_encrypted, public_jwk, created_at, not_before)
                        VALUES ($1, $2, $3, $4, $5, $6, $7)""")
                .execute(Tuple.from(new Object[]{key.kid(), key.alg(), key.status(),
                        io.vertx.core.buffer.Buffer.buffer(key.privateKeyEncrypted()), key.publicJwk(),
                        utc(key.createdAt()), utc(key.notBefore())}))
                .replaceWithVoid();
    }

    /** A next key that will never sign (made for another algorithm): unpublished now, deleted at the next rotation. */
    public Uni<Void> retire(SqlClient tx, String kid, Instant now) {
        return tx.preparedQuery("UPDATE signing_keys SET status = 'retired', rotated_at = $2 WHERE kid = $1 AND status = 'next'")
                .execute(Tuple.of(kid, utc(now))).replaceWithVoid();
    }

    /** previous → deleted, current → previous, next → current; the caller then inserts a new next. */
    public Uni<Void> promote(SqlClient tx, Instant now) {
        return tx.query("DELETE FROM signing_keys WHERE status IN ('previous', 'retired')").execute()
                .chain(() -> tx.preparedQuery("UPDATE signing_keys SET status = 'previous', rotated_at = $1 WHERE status = 'current'")
                        .execute(Tuple.of(utc(now))))
                .chain(() -> tx.preparedQuery("UPDATE signing_keys SET status = 'current', not_before = $1 WHERE status = 'next'")
                        .execute(Tuple.of(utc(now))))
                .replaceWithVoid();
    }

    static OffsetDateTime utc(Instant i) {
        return i == null ? null : i.atOffset(ZoneOffset.UTC);
    }
}
