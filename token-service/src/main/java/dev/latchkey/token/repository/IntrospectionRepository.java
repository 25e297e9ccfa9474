package dev.latchkey.token.repository;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The one query on the verification path: a token by its hash, with its owner's current role and status. */
@ApplicationScoped
public class IntrospectionRepository {

    /**
     * What introspection needs to know about a token; {@code ownerStatus} {@code null} = the owner is unknown
     * to the projection (treated as inactive), {@code tenant_suspended} = the whole tenant is suspended.
     */
    public record TokenState(UUID id, String tenant, String ownerType, String ownerId, List<String> scopes,
                             String visibility, List<String> allowedOrigins, Instant createdAt, Instant expiresAt,
                             Instant revokedAt, String ownerRole, String ownerStatus) {
    }

    private static final String QUERY = """
            SELECT t.id, t.tenant, t.owner_type, t.owner_id, t.scopes, t.visibility, t.allowed_origins, t.created_at,
                   t.regenerated_at, t.expires_at, t.revoked_at,
                   m.role AS member_role,
                   CASE WHEN st.tenant IS NOT NULL THEN 'tenant_suspended' ELSE coalesce(m.status, s.status) END AS owner_status
            FROM token t
            LEFT JOIN member m ON t.owner_type = 'member' AND m.tenant = t.tenant AND m.id = t.owner_id
            LEFT JOIN service_account s ON t.owner_type = 'service_account' AND s.tenant = t.tenant AND s.id = t.owner_id
            LEFT JOIN suspended_tenant st ON st.tenant = t.tenant
            WHERE t.token_hash = $1""";

    /** {@code null} when no token has that hash. */
    public Uni<TokenState> findByHash(SqlClient c, String hash) {
        return c.preparedQuery(QUERY).execute(Tuple.of(hash)).map(rows -> {
            var it = rows.iterator();
            return it.hasNext() ? map(it.next()) : null;
        });
    }

    /**
     * The same look-up on the bare Vert.x client: it runs inside request authentication, where Mutiny operators
     * (and the context propagation wrapped around them) must not run on another request's event loop.
     */
    public java.util.concurrent.CompletableFuture<java.util.Optional<TokenState>> findByHashDirect(
            io.vertx.sqlclient.Pool pool, String hash) {
        return pool.preparedQuery(QUERY).execute(io.vertx.sqlclient.Tuple.of(hash))
                .map(rows -> {
                    var it = rows.iterator();
                    return it.hasNext() ? java.util.Optional.of(map(new Row(it.next()))) : java.util.Optional.<TokenState>empty();
                })
                .toCompletionStage().toCompletableFuture();
    }

    private static TokenState map(Row r) {
        Instant regenerated = TokenRepository.instant(r.getOffsetDateTime("regenerated_at"));
        return new TokenState(r.getUUID("id"), r.getString("tenant"), r.getString("owner_type"),
                r.getString("owner_id"), TokenRepository.list(r.getArrayOfStrings("scopes")),
                r.getString("visibility"), TokenRepository.list(r.getArrayOfStrings("allowed_origins")),
                regenerated != null ? regenerated : TokenRepository.instant(r.getOffsetDateTime("created_at")),
                TokenRepository.instant(r.getOffsetDateTime("expires_at")),
                TokenRepository.instant(r.getOffsetDateTime("revoked_at")), r.getString("member_role"),
                r.getString("owner_status"));
    }
}
