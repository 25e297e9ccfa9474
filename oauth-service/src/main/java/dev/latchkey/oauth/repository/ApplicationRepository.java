package dev.latchkey.oauth.repository;

import dev.latchkey.oauth.model.Application;
import dev.latchkey.oauth.model.GrantType;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static dev.latchkey.oauth.repository.SigningKeyRepository.utc;

@ApplicationScoped
public class ApplicationRepository {
    private static final String COLUMNS = """
            id, tenant, client_id, name, grant_type, redirect_uris, acting_member_id, scopes, access_token_ttl, mtls,
            secret_hash, secret_hint, previous_secret_hash, previous_secret_valid_until, created_by, created_at, updated_at""";

    private final Pool pool;

    ApplicationRepository(Pool pool) {
        this.pool = pool;
    }

    public Uni<Void> insert(SqlClient tx, Application a) {
        return tx.preparedQuery("INSERT INTO applications (" + COLUMNS + ") VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17)")
                .execute(Tuple.from(new Object[]{a.id(), a.tenant(), a.clientId(), a.name(), a.grantType().value(),
                        a.redirectUris().toArray(String[]::new), a.actingMemberId(), a.scopes().toArray(String[]::new),
                        a.accessTokenTtl(), a.mtls(), a.secretHash(), a.secretHint(), a.previousSecretHash(),
                        utc(a.previousSecretValidUntil()), a.createdBy(), utc(a.createdAt()), utc(a.updatedAt())}))
                .replaceWithVoid();
    }

    public Uni<Void> update(SqlClient tx, Application a) {
        return tx.preparedQuery("""
                        UPDATE applications SET name = $3, redirect_uris = $4, scopes = $5, access_token_ttl = $6,
                          secret_hash = $7, secret_hint = $8, previous_secret_hash = $9, previous_secret_valid_until = $10,
                          updated_at = $11
                        WHERE tenant = $1 AND id = $2""")
                .execute(Tuple.from(new Object[]{a.tenant(), a.id(), a.name(), a.redirectUris().toArray(String[]::new),
                        a.scopes().toArray(String[]::new), a.accessTokenTtl(), a.secretHash(), a.secretHint(),
                        a.previousSecretHash(), utc(a.previousSecretValidUntil()), utc(a.updatedAt())}))
                .replaceWithVoid();
    }

    public Uni<Boolean> delete(SqlClient tx, String tenant, UUID id) {
        return tx.preparedQuery("DELETE FROM applications WHERE tenant = $1 AND id = $2").execute(Tuple.of(tenant, id))
                .map(rows -> rows.rowCount() == 1);
    }

    public Uni<Optional<Application>> find(SqlClient client, String tenant, UUID id) {
        return client.preparedQuery("SELECT " + COLUMNS + " FROM applications WHERE tenant = $1 AND id = $2")
                .execute(Tuple.of(tenant, id)).map(ApplicationRepository::first);
    }

    public Uni<Optional<Application>> find(String tenant, UUID id) {
        return find(pool, tenant, id);
    }

    public Uni<Optional<Application>> findForUpdate(SqlClient tx, String tenant, UUID id) {
        return tx.preparedQuery("SELECT " + COLUMNS + " FROM applications WHERE tenant = $1 AND id = $2 FOR UPDATE")
                .execute(Tuple.of(tenant, id)).map(ApplicationRepository::first);
    }

    /** The token endpoint's look-up: client ids are unique across tenants. */
    public Uni<Optional<Application>> findByClientId(String clientId) {
        return pool.preparedQuery("SELECT " + COLUMNS + " FROM applications WHERE client_id = $1")
                .execute(Tuple.of(clientId)).map(ApplicationRepository::first);
    }

    public Uni<Long> count(SqlClient tx, String tenant) {
        return tx.preparedQuery("SELECT count(*) AS n FROM applications WHERE tenant = $1").execute(Tuple.of(tenant))
                .map(rows -> rows.iterator().next().getLong("n"));
    }

    /** Keyset page ordered by (created_at, id), after the given position. */
    public Uni<List<Application>> page(String tenant, Instant afterCreated, UUID afterId, int limit) {
        String sql = afterId == null
                ? "SELECT " + COLUMNS + " FROM applications WHERE tenant = $1 ORDER BY created_at, id LIMIT $2"
                : "SELECT " + COLUMNS + " FROM applications WHERE tenant = $1 AND (created_at, id) > ($3, $4) ORDER BY created_at, id LIMIT $2";
        Tuple args = afterId == null ? Tuple.of(tenant, limit) : Tuple.of(tenant, limit, utc(afterCreated), afterId);
        return pool.preparedQuery(sql).execute(args).map(ApplicationRepository::all);
    }

    public Uni<List<Application>> actingAs(SqlClient client, String tenant, String memberId) {
        return client.preparedQuery("SELECT " + COLUMNS + " FROM applications WHERE tenant = $1 AND acting_member_id = $2")
                .execute(Tuple.of(tenant, memberId)).map(ApplicationRepository::all);
    }

    private static Optional<Application> first(RowSet<Row> rows) {
        var it = rows.iterator();
        return it.hasNext() ? Optional.of(map(it.next())) : Optional.empty();
    }

    private static List<Application> all(RowSet<Row> rows) {
        List<Application> list = new ArrayList<>();
        rows.forEach(r -> list.add(map(r)));
        return list;
    }

    private static Application map(Row r) {
        return new Application(r.getUUID("id"), r.getString("tenant"), r.getString("client_id"), r.getString("name"),
                GrantType.of(r.getString("grant_type")).orElseThrow(),
                Arrays.asList(r.getArrayOfStrings("redirect_uris")), r.getString("acting_member_id"),
                Arrays.asList(r.getArrayOfStrings("scopes")), r.getInteger("access_token_ttl"), r.getBoolean("mtls"),
                r.getString("secret_hash"), r.getString("secret_hint"), r.getString("previous_secret_hash"),
                instant(r.getOffsetDateTime("previous_secret_valid_until")), r.getString("created_by"),
                instant(r.getOffsetDateTime("created_at")), instant(r.getOffsetDateTime("updated_at")));
    }

    static Instant instant(OffsetDateTime t) {
        return t == null ? null : t.toInstant();
    }
}
