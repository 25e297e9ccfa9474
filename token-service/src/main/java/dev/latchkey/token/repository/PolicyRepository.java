package dev.latchkey.token.repository;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Arrays;
import java.util.List;

/** The {@code token_policy} table: one row per tenant that changed the defaults. */
@ApplicationScoped
public class PolicyRepository {

    /** Serialises policy changes of one tenant until the transaction ends (the event names the previous policy). */
    public Uni<Void> lock(SqlClient c, String tenant) {
        return c.preparedQuery("SELECT pg_advisory_xact_lock(hashtextextended($1, 11))")
                .execute(Tuple.of("token_policy/" + tenant)).replaceWithVoid();
    }

    public Uni<TokenPolicy> find(SqlClient c, String tenant) {
        return c.preparedQuery("""
                        SELECT tenant, max_lifetime_days, allow_no_expiration, max_personal_tokens_per_member,
                               require_service_account_owner, expiry_notice_days, updated_at
                        FROM token_policy WHERE tenant = $1""")
                .execute(Tuple.of(tenant))
                .map(rows -> {
                    var it = rows.iterator();
                    return it.hasNext() ? map(it.next()) : TokenPolicy.defaults(tenant);
                });
    }

    /** Every tenant's notice lead times that differ from the defaults. */
    public Uni<List<TokenPolicy>> findAll(SqlClient c) {
        return c.query("""
                        SELECT tenant, max_lifetime_days, allow_no_expiration, max_personal_tokens_per_member,
                               require_service_account_owner, expiry_notice_days, updated_at FROM token_policy""")
                .execute().map(rows -> {
                    List<TokenPolicy> out = new java.util.ArrayList<>();
                    rows.forEach(r -> out.add(map(r)));
                    return out;
                });
    }

    public Uni<Void> upsert(SqlClient c, TokenPolicy p, String actorType, String actorId) {
        return c.preparedQuery("""
                        INSERT INTO token_policy (tenant, max_lifetime_days, allow_no_expiration, max_personal_tokens_per_member,
                            require_service_account_owner, expiry_notice_days, updated_at, updated_by_type, updated_by_id)
                        VALUES ($1, $2, $3, $4, $5, $6, now(), $7, $8)
                        ON CONFLICT (tenant) DO UPDATE SET max_lifetime_days = EXCLUDED.max_lifetime_days,
                            allow_no_expiration = EXCLUDED.allow_no_expiration,
                            max_personal_tokens_per_member = EXCLUDED.max_personal_tokens_per_member,
                            require_service_account_owner = EXCLUDED.require_service_account_owner,
                            expiry_notice_days = EXCLUDED.expiry_notice_days, updated_at = now(),
                            updated_by_type = EXCLUDED.updated_by_type, updated_by_id = EXCLUDED.updated_by_id""")
                .execute(Tuple.from(new Object[]{p.tenant(), p.maxLifetimeDays(), p.allowNoExpiration(),
                        p.maxPersonalTokensPerMember(), p.requireServiceAccountOwner(),
                        p.expiryNoticeDays().toArray(Integer[]::new), actorType, actorId}))
                .replaceWithVoid();
    }

    private static TokenPolicy map(Row r) {
        Integer[] days = r.getArrayOfIntegers("expiry_notice_days");
        return new TokenPolicy(r.getString("tenant"), r.getInteger("max_lifetime_days"),
                r.getBoolean("allow_no_expiration"), r.getInteger("max_personal_tokens_per_member"),
                r.getBoolean("require_service_account_owner"), days == null ? List.of() : Arrays.asList(days),
                TokenRepository.instant(r.getOffsetDateTime("updated_at")));
    }
}
