package dev.latchkey.directory.repository;

import dev.latchkey.directory.service.Times;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;

/** Which owner holds which token, and whether it is live (projection of latchkey.token.events). */
@ApplicationScoped
public class OwnerTokenRepository {

    public Uni<Void> upsert(SqlClient tx, String tokenId, String tenant, String ownerType, String ownerId,
                            String status, Instant expiresAt, Instant now) {
        return tx.preparedQuery("""
                        INSERT INTO owner_tokens (token_id, tenant, owner_type, owner_id, status, expires_at, updated_at)
                        VALUES ($1, $2, $3, $4, $5, $6, $7)
                        ON CONFLICT (token_id) DO UPDATE SET tenant = $2, owner_type = $3, owner_id = $4, status = $5,
                            expires_at = $6, updated_at = $7""")
                .execute(Tuple.from(new Object[]{tokenId, tenant, ownerType, ownerId, status, Times.sql(expiresAt),
                        Times.sql(now)}))
                .replaceWithVoid();
    }

    public Uni<Void> used(SqlClient tx, String tenant, String tokenId, Instant lastUsedAt) {
        return tx.preparedQuery("UPDATE owner_tokens SET last_used_at = GREATEST(COALESCE(last_used_at, $3), $3) "
                        + "WHERE token_id = $1 AND tenant = $2")
                .execute(Tuple.of(tokenId, tenant, Times.sql(lastUsedAt))).replaceWithVoid();
    }

    /** Tokens of this owner that are active and not expired at {@code now}. */
    public Uni<Long> countLive(SqlClient client, String tenant, String ownerType, String ownerId, Instant now) {
        return client.preparedQuery("SELECT count(*) FROM owner_tokens WHERE tenant = $1 AND owner_type = $2 "
                        + "AND owner_id = $3 AND status = 'active' AND (expires_at IS NULL OR expires_at > $4)")
                .execute(Tuple.of(tenant, ownerType, ownerId, Times.sql(now)))
                .map(rs -> rs.iterator().next().getLong(0));
    }

    public Uni<Instant> lastUsed(SqlClient client, String tenant, String ownerType, String ownerId) {
        return client.preparedQuery("SELECT max(last_used_at) FROM owner_tokens WHERE tenant = $1 AND owner_type = $2 "
                        + "AND owner_id = $3")
                .execute(Tuple.of(tenant, ownerType, ownerId))
                .map(rs -> Times.instant(rs.iterator().next().getOffsetDateTime(0)));
    }
}
