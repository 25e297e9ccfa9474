package dev.latchkey.token.repository;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

/** SQL of the {@code token} table. Every query but the by-hash look-ups filters by tenant. */
@ApplicationScoped
public class TokenRepository {
    static final String COLUMNS = "t.id, t.tenant, t.name, t.owner_type, t.owner_id, t.scopes, t.visibility, "
            + "t.allowed_origins, t.token_hash, t.hint, t.created_at, t.created_by_type, t.created_by_id, t.updated_at, "
            + "t.expires_at, t.regenerated_at, t.revoked_at, t.revoked_reason, t.last_used_at, t.last_used_ip, t.use_count";

    /** One page of a list and the key of its last row. */
    public record Page(List<Token> items, boolean more) {
    }

    public Uni<Void> insert(SqlClient c, Token t) {
        return c.preparedQuery("""
                        INSERT INTO token (id, tenant, name, owner_type, owner_id, scopes, visibility, allowed_origins,
                            token_hash, hint, created_at, created_by_type, created_by_id, updated_at, expires_at)
                        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)""")
                .execute(Tuple.from(new Object[]{t.id(), t.tenant(), t.name(), t.ownerType(), t.ownerId(),
                        t.scopes().toArray(String[]::new), t.visibility(), t.allowedOrigins().toArray(String[]::new),
                        t.tokenHash(), t.hint(), odt(t.createdAt()), t.createdByType(), t.createdById(),
                        odt(t.updatedAt()), odt(t.expiresAt())}))
                .replaceWithVoid();
    }

    /** Writes every mutable column back (metadata, secret, revocation, owner). */
    public Uni<Void> update(SqlClient c, Token t) {
        return c.preparedQuery("""
                        UPDATE token SET name = $3, owner_type = $4, owner_id = $5, allowed_origins = $6, token_hash = $7,
                            hint = $8, updated_at = $9, expires_at = $10, regenerated_at = $11, revoked_at = $12,
                            revoked_reason = $13
                        WHERE tenant = $1 AND id = $2""")
                .execute(Tuple.from(new Object[]{t.tenant(), t.id(), t.name(), t.ownerType(), t.ownerId(),
                        t.allowedOrigins().toArray(String[]::new), t.tokenHash(), t.hint(), odt(t.updatedAt()),
                        odt(t.expiresAt()), odt(t.regeneratedAt()), odt(t.revokedAt()), t.revokedReason()}))
                .replaceWithVoid();
    }

    public Uni<Token> findById(SqlClient c, String tenant, UUID id) {
        return one(c, "SELECT " + COLUMNS + " FROM token t WHERE t.tenant = $1 AND t.id = $2",
                Tuple.of(tenant, id));
    }

    public Uni<Token> findByIdForUpdate(SqlClient c, String tenant, UUID id) {
        return one(c, "SELECT " + COLUMNS + " FROM token t WHERE t.tenant = $1 AND t.id = $2 FOR UPDATE",
                Tuple.of(tenant, id));
    }

    /** For leak reports only: the hash is the whole key, the tenant is unknown to the reporter. */
    public Uni<Token> findByHashForUpdate(SqlClient c, String hash) {
        return one(c, "SELECT " + COLUMNS + " FROM token t WHERE t.token_hash = $1 FOR UPDATE", Tuple.of(hash));
    }

    /**
     * Serialises changes to one owner's tokens for the rest of the transaction, so the live-name and
     * live-count checks cannot race between replicas.
     */
    public Uni<Void> lockOwner(SqlClient c, String tenant, String ownerType, String ownerId) {
        return c.preparedQuery("SELECT pg_advisory_xact_lock(hashtextextended($1, 7))")
                .execute(Tuple.of(ownerLockKey(tenant, ownerType, ownerId))).replaceWithVoid();
    }

    /**
     * Several owners' locks ({@link #ownerLockKey}), in one statement, in the order of the locks themselves: two
     * transactions locking overlapping sets never wait for each other crosswise.
     */
    public Uni<Void> lockOwners(SqlClient c, Collection<String> lockKeys) {
        return c.preparedQuery("""
                        SELECT pg_advisory_xact_lock(h) FROM (
                          SELECT DISTINCT hashtextextended(k, 7) AS h FROM unnest($1::text[]) k ORDER BY 1) locks""")
                .execute(Tuple.of(lockKeys.toArray(String[]::new))).replaceWithVoid();
    }

    /** What {@link #lockOwner} locks: the owner's tokens' names and count change only under it. */
    public static String ownerLockKey(String tenant, String ownerType, String ownerId) {
        return tenant + "/" + ownerType + "/" + ownerId;
    }

    /** Whether the owner has a live (not revoked, not expired) token of that name (case-insensitive). */
    public Uni<Boolean> liveNameExists(SqlClient c, String tenant, String ownerType, String ownerId, String name,
                                       UUID exceptId, Instant now) {
        return c.preparedQuery("""
                        SELECT 1 FROM token WHERE tenant = $1 AND owner_type = $2 AND owner_id = $3
                          AND lower(name) = lower($4) AND revoked_at IS NULL AND (expires_at IS NULL OR expires_at > $5)
                          AND ($6::uuid IS NULL OR id <> $6) LIMIT 1""")
                .execute(Tuple.from(new Object[]{tenant, ownerType, ownerId, name, odt(now), exceptId}))
                .map(rows -> rows.size() > 0);
    }

    public Uni<Long> countLive(SqlClient c, String tenant, String ownerType, String ownerId, Instant now) {
        return c.preparedQuery("""
                        SELECT count(*) FROM token WHERE tenant = $1 AND owner_type = $2 AND owner_id = $3
                          AND revoked_at IS NULL AND (expires_at IS NULL OR expires_at > $4)""")
                .execute(Tuple.of(tenant, ownerType, ownerId, odt(now)))
                .map(rows -> rows.iterator().next().getLong(0));
    }

    public Uni<List<Token>> findLiveByOwnerForUpdate(SqlClient c, String tenant, String ownerType, String ownerId,
                                                     Instant now) {
        return many(c, "SELECT " + COLUMNS + " FROM token t WHERE t.tenant = $1 AND t.owner_type = $2 "
                        + "AND t.owner_id = $3 AND t.revoked_at IS NULL AND (t.expires_at IS NULL OR t.expires_at > $4) "
                        + "ORDER BY t.id FOR UPDATE",
                Tuple.of(tenant, ownerType, ownerId, odt(now)));
    }

    /** A page (newest first) of a tenant's tokens matching {@code f}, after {@code cursor} if given. */
    public Uni<Page> list(SqlClient c, String tenant, TokenFilter f, PageCursor cursor, int limit, Instant now) {
        List<Object> args = new ArrayList<>();
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM token t WHERE t.tenant = $1");
        args.add(tenant);
        where(sql, args, f, now);
        if (cursor != null) {
            args.add(odt(cursor.createdAt()));
            args.add(cursor.id());
            sql.append(" AND (t.created_at, t.id) < ($").append(args.size() - 1).append(", $").append(args.size()).append(")");
        }
        args.add(limit + 1);
        sql.append(" ORDER BY t.created_at DESC, t.id DESC LIMIT $").append(args.size());
        return c.preparedQuery(sql.toString()).execute(Tuple.from(args)).map(rows -> {
            List<Token> items = map(rows);
            boolean more = items.size() > limit;
            return new Page(more ? items.subList(0, limit) : items, more);
        });
    }

    /** Every token of the tenant matching {@code f}, locked, for bulk revocation. */
    public Uni<List<Token>> findForUpdate(SqlClient c, String tenant, TokenFilter f, Instant now, int max) {
        List<Object> args = new ArrayList<>();
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM token t WHERE t.tenant = $1 AND t.revoked_at IS NULL");
        args.add(tenant);
        where(sql, args, f, now);
        args.add(max);
        sql.append(" ORDER BY t.id LIMIT $").append(args.size()).append(" FOR UPDATE");
        return many(c, sql.toString(), Tuple.from(args));
    }

    private static void where(StringBuilder sql, List<Object> args, TokenFilter f, Instant now) {
        if (f.ownerType() != null) {
            args.add(f.ownerType());
            sql.append(" AND t.owner_type = $").append(args.size());
        }
        if (f.ownerId() != null) {
            args.add(f.ownerId());
            sql.append(" AND t.owner_id = $").append(args.size());
        }
        if (Token.REVOKED.equals(f.status())) {
            sql.append(" AND t.revoked_at IS NOT NULL");
        } else if (f.status() != null) {
            args.add(odt(now));
            String n = "$" + args.size();
            switch (f.status()) {
                case Token.ACTIVE -> sql.append(" AND t.revoked_at IS NULL AND (t.expires_at IS NULL OR t.expires_at > ").append(n).append(")");
                case Token.EXPIRED -> sql.append(" AND t.revoked_at IS NULL AND t.expires_at <= ").append(n);
                default -> throw new IllegalArgumentException("status " + f.status());
            }
        }
        if (f.nameContains() != null) {
            args.add("%" + f.nameContains().toLowerCase().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
            sql.append(" AND lower(t.name) LIKE $").append(args.size());
        }
        if (f.expiringBefore() != null) {
            args.add(odt(f.expiringBefore()));
            sql.append(" AND t.expires_at < $").append(args.size());
        }
        if (f.lastUsedBefore() != null) {
            args.add(odt(f.lastUsedBefore()));
            sql.append(" AND t.last_used_at < $").append(args.size());
        }
        if (f.unusedSince() != null) {
            args.add(odt(f.unusedSince()));
            sql.append(" AND (t.last_used_at IS NULL OR t.last_used_at < $").append(args.size()).append(")");
        }
        if (f.ids() != null) {
            args.add(f.ids().toArray(UUID[]::new));
            sql.append(" AND t.id = ANY($").append(args.size()).append(")");
        }
    }

    /** Adds a verifier's usage report; {@code false} when the token does not exist (in that tenant). */
    public Uni<Boolean> addUsage(SqlClient c, String tenant, UUID id, long count, Instant lastUsedAt, String ip) {
        return c.preparedQuery("""
                        UPDATE token SET use_count = use_count + $3,
                            last_used_ip = CASE WHEN last_used_at IS NULL OR last_used_at <= $4 THEN coalesce($5, last_used_ip) ELSE last_used_ip END,
                            last_used_at = CASE WHEN last_used_at IS NULL OR last_used_at < $4 THEN $4 ELSE last_used_at END
                        WHERE tenant = $1 AND id = $2""")
                .execute(Tuple.from(new Object[]{tenant, id, count, odt(lastUsedAt), ip}))
                .map(rows -> rows.rowCount() == 1);
    }

    /** Live tokens expiring before {@code horizon}, oldest expiry first. */
    public Uni<List<Token>> findExpiringBefore(SqlClient c, Instant now, Instant horizon, int max) {
        return many(c, "SELECT " + COLUMNS + " FROM token t WHERE t.revoked_at IS NULL AND t.expires_at > $1 "
                + "AND t.expires_at <= $2 ORDER BY t.expires_at LIMIT $3", Tuple.of(odt(now), odt(horizon), max));
    }

    // ---------------------------------------------------------------- mapping

    private Uni<Token> one(SqlClient c, String sql, Tuple args) {
        return c.preparedQuery(sql).execute(args).map(rows -> {
            var it = rows.iterator();
            return it.hasNext() ? map(it.next()) : null;
        });
    }

    private Uni<List<Token>> many(SqlClient c, String sql, Tuple args) {
        return c.preparedQuery(sql).execute(args).map(TokenRepository::map);
    }

    private static List<Token> map(RowSet<Row> rows) {
        List<Token> out = new ArrayList<>(rows.size());
        rows.forEach(r -> out.add(map(r)));
        return out;
    }

    static Token map(Row r) {
        return new Token(r.getUUID("id"), r.getString("tenant"), r.getString("name"), r.getString("owner_type"),
                r.getString("owner_id"), list(r.getArrayOfStrings("scopes")), r.getString("visibility"),
                list(r.getArrayOfStrings("allowed_origins")), r.getString("token_hash"), r.getString("hint"),
                instant(r.getOffsetDateTime("created_at")), r.getString("created_by_type"),
                r.getString("created_by_id"), instant(r.getOffsetDateTime("updated_at")),
                instant(r.getOffsetDateTime("expires_at")), instant(r.getOffsetDateTime("regenerated_at")),
                instant(r.getOffsetDateTime("revoked_at")), r.getString("revoked_reason"),
                instant(r.getOffsetDateTime("last_used_at")), r.getString("last_used_ip"), r.getLong("use_count"));
    }

    static List<String> list(String[] a) {
        return a == null ? List.of() : Arrays.asList(a);
    }

    static Instant instant(OffsetDateTime t) {
        return t == null ? null : t.toInstant();
    }

    static OffsetDateTime odt(Instant i) {
        return i == null ? null : i.atOffset(ZoneOffset.UTC);
    }
}
