package dev.latchkey.oauth.repository;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static dev.latchkey.oauth.repository.ApplicationRepository.instant;
import static dev.latchkey.oauth.repository.SigningKeyRepository.utc;

/** Authorization codes, refresh tokens, consents and revoked access tokens (all stored by hash / id only). */
@ApplicationScoped
public class GrantRepository {

    public record Code(String codeHash, String tenant, UUID applicationId, String memberId, String redirectUri,
                       List<String> scopes, String codeChallenge, Instant expiresAt, Instant usedAt, String accessJti,
                       Instant accessExp, UUID refreshFamily) {
    }

    public record RefreshToken(String tokenHash, UUID familyId, String tenant, UUID applicationId, String memberId,
                               List<String> scopes, Instant expiresAt, Instant usedAt, Instant revokedAt,
                               String accessJti, Instant accessExp) {
    }

    /** An access token to revoke: its jti and exp. */
    public record IssuedAccess(String tenant, String jti, Instant exp) {
    }

    public record Consent(String tenant, String memberId, UUID applicationId, List<String> scopes, Instant grantedAt) {
    }

    /** A consent with the application it was given to, as its member sees it. */
    public record ConsentOfApplication(Consent consent, String clientId, String applicationName) {
    }

    public static final long CLEANUP_LOCK = 0x4c4b4f41_0003L;

    private final Pool pool;

    GrantRepository(Pool pool) {
        this.pool = pool;
    }

    // ---- authorization codes

    public Uni<Void> insertCode(SqlClient tx, Code c) {
        return tx.preparedQuery("""
                        INSERT INTO authorization_codes (code_hash, tenant, application_id, member_id, redirect_uri, scopes,
                          code_challenge, expires_at, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, now())""")
                .execute(Tuple.from(new Object[]{c.codeHash(), c.tenant(), c.applicationId(), c.memberId(),
                        c.redirectUri(), c.scopes().toArray(String[]::new), c.codeChallenge(), utc(c.expiresAt())}))
                .replaceWithVoid();
    }

    /** Drops the codes a member's consent gave one application that were not redeemed yet. */
    public Uni<Void> deleteUnusedCodes(SqlClient tx, String tenant, String memberId, UUID applicationId) {
        return tx.preparedQuery("""
                        DELETE FROM authorization_codes
                        WHERE tenant = $1 AND member_id = $2 AND application_id = $3 AND used_at IS NULL""")
                .execute(Tuple.of(tenant, memberId, applicationId)).replaceWithVoid();
    }

    /** Marks the code used, atomically: only the first of concurrent redemptions gets it. */
    public Uni<Optional<Code>> consumeCode(SqlClient tx, String hash, UUID applicationId) {
        return tx.preparedQuery("""
                        UPDATE authorization_codes SET used_at = now()
                        WHERE code_hash = $1 AND application_id = $2 AND used_at IS NULL RETURNING *""")
                .execute(Tuple.of(hash, applicationId)).map(GrantRepository::firstCode);
    }

    public Uni<Optional<Code>> findCode(SqlClient client, String hash) {
        return client.preparedQuery("SELECT * FROM authorization_codes WHERE code_hash = $1 FOR UPDATE")
                .execute(Tuple.of(hash)).map(GrantRepository::firstCode);
    }

    public Uni<Void> recordCodeIssued(SqlClient tx, String hash, String jti, Instant exp, UUID family) {
        return tx.preparedQuery("UPDATE authorization_codes SET access_jti = $2, access_exp = $3, refresh_family = $4 WHERE code_hash = $1")
                .execute(Tuple.of(hash, jti, utc(exp), family)).replaceWithVoid();
    }

    // ---- refresh tokens

    public Uni<Void> insertRefresh(SqlClient tx, RefreshToken t) {
        return tx.preparedQuery("""
                        INSERT INTO refresh_tokens (token_hash, family_id, tenant, application_id, member_id, scopes, expires_at,
                          access_jti, access_exp, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, now())""")
                .execute(Tuple.from(new Object[]{t.tokenHash(), t.familyId(), t.tenant(), t.applicationId(), t.memberId(),
                        t.scopes().toArray(String[]::new), utc(t.expiresAt()), t.accessJti(), utc(t.accessExp())}))
                .replaceWithVoid();
    }

    /** Marks an unused, unrevoked refresh token used (rotation), atomically. */
    public Uni<Optional<RefreshToken>> useRefresh(SqlClient tx, String hash, UUID applicationId) {
        return tx.preparedQuery("""
                        UPDATE refresh_tokens SET used_at = now()
                        WHERE token_hash = $1 AND application_id = $2 AND used_at IS NULL AND revoked_at IS NULL RETURNING *""")
                .execute(Tuple.of(hash, applicationId)).map(GrantRepository::firstRefresh);
    }

    public Uni<Optional<RefreshToken>> findRefresh(SqlClient client, String hash) {
        return client.preparedQuery("SELECT * FROM refresh_tokens WHERE token_hash = $1")
                .execute(Tuple.of(hash)).map(GrantRepository::firstRefresh);
    }

    /** Revokes every refresh token of a family; answers the access tokens issued with them that may still be live. */
    public Uni<List<IssuedAccess>> revokeFamily(SqlClient tx, UUID family) {
        return tx.preparedQuery("""
                        UPDATE refresh_tokens SET revoked_at = now() WHERE family_id = $1 AND revoked_at IS NULL
                        RETURNING tenant, access_jti, access_exp""")
                .execute(Tuple.of(family)).map(GrantRepository::issued);
    }

    /** Revokes every refresh token a member's consent gave one application. */
    public Uni<List<IssuedAccess>> revokeMemberApplication(SqlClient tx, String tenant, String memberId, UUID applicationId) {
        return tx.preparedQuery("""
                        UPDATE refresh_tokens SET revoked_at = now()
                        WHERE tenant = $1 AND member_id = $2 AND application_id = $3 AND revoked_at IS NULL
                        RETURNING tenant, access_jti, access_exp""")
                .execute(Tuple.of(tenant, memberId, applicationId)).map(GrantRepository::issued);
    }

    /** Revokes every refresh token of a member (in one tenant). */
    public Uni<List<IssuedAccess>> revokeMember(SqlClient tx, String tenant, String memberId) {
        return tx.preparedQuery("""
                        UPDATE refresh_tokens SET revoked_at = now() WHERE tenant = $1 AND member_id = $2 AND revoked_at IS NULL
                        RETURNING tenant, access_jti, access_exp""")
                .execute(Tuple.of(tenant, memberId)).map(GrantRepository::issued);
    }

    // ---- consents

    public Uni<Optional<Consent>> consent(SqlClient client, String tenant, String memberId, UUID applicationId) {
        return client.preparedQuery("SELECT * FROM consents WHERE tenant = $1 AND member_id = $2 AND application_id = $3")
                .execute(Tuple.of(tenant, memberId, applicationId))
                .map(rows -> {
                    var it = rows.iterator();
                    if (!it.hasNext()) {
                        return Optional.empty();
                    }
                    return Optional.of(consentOf(it.next()));
                });
    }

    /** A member's consents, newest first, with their applications. */
    public Uni<List<ConsentOfApplication>> consentsOf(String tenant, String memberId) {
        return pool.preparedQuery("""
                        SELECT c.*, a.client_id, a.name FROM consents c JOIN applications a ON a.id = c.application_id
                        WHERE c.tenant = $1 AND c.member_id = $2 ORDER BY c.granted_at DESC, c.application_id""")
                .execute(Tuple.of(tenant, memberId))
                .map(rows -> {
                    List<ConsentOfApplication> list = new ArrayList<>();
                    rows.forEach(r -> list.add(new ConsentOfApplication(consentOf(r), r.getString("client_id"), r.getString("name"))));
                    return list;
                });
    }

    /** Deletes one consent; answers the client id of its application when there was one. */
    public Uni<Optional<String>> deleteConsent(SqlClient tx, String tenant, String memberId, UUID applicationId) {
        return tx.preparedQuery("""
                        DELETE FROM consents c USING applications a
                        WHERE a.id = c.application_id AND c.tenant = $1 AND c.member_id = $2 AND c.application_id = $3
                        RETURNING a.client_id""")
                .execute(Tuple.of(tenant, memberId, applicationId))
                .map(rows -> rows.iterator().hasNext() ? Optional.of(rows.iterator().next().getString("client_id")) : Optional.empty());
    }

    private static Consent consentOf(Row r) {
        return new Consent(r.getString("tenant"), r.getString("member_id"), r.getUUID("application_id"),
                Arrays.asList(r.getArrayOfStrings("scopes")), instant(r.getOffsetDateTime("granted_at")));
    }

    public Uni<Optional<Consent>> consent(String tenant, String memberId, UUID applicationId) {
        return consent(pool, tenant, memberId, applicationId);
    }

    public Uni<Void> upsertConsent(SqlClient tx, Consent c) {
        return tx.preparedQuery("""
                        INSERT INTO consents (tenant, member_id, application_id, scopes, granted_at) VALUES ($1, $2, $3, $4, $5)
                        ON CONFLICT (tenant, member_id, application_id) DO UPDATE SET scopes = $4, granted_at = $5""")
                .execute(Tuple.of(c.tenant(), c.memberId(), c.applicationId(), c.scopes().toArray(String[]::new), utc(c.grantedAt())))
                .replaceWithVoid();
    }

    /** Deletes a member's consents; answers (application id, client id) of each. */
    public Uni<List<String[]>> deleteConsents(SqlClient tx, String tenant, String memberId) {
        return tx.preparedQuery("""
                        DELETE FROM consents c USING applications a
                        WHERE a.id = c.application_id AND c.tenant = $1 AND c.member_id = $2
                        RETURNING c.application_id, a.client_id""")
                .execute(Tuple.of(tenant, memberId))
                .map(rows -> {
                    List<String[]> ids = new ArrayList<>();
                    rows.forEach(r -> ids.add(new String[]{r.getUUID("application_id").toString(), r.getString("client_id")}));
                    return ids;
                });
    }

    // ---- revoked access tokens

    public Uni<Void> revokeJtis(SqlClient tx, List<IssuedAccess> tokens) {
        if (tokens.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return tx.preparedQuery("INSERT INTO revoked_jtis (jti, tenant, expires_at, revoked_at) VALUES ($1, $2, $3, now()) ON CONFLICT DO NOTHING")
                .executeBatch(tokens.stream().map(t -> Tuple.of(t.jti(), t.tenant(), utc(t.exp()))).toList())
                .replaceWithVoid();
    }

    public Uni<Boolean> isRevoked(String jti) {
        return pool.preparedQuery("SELECT 1 FROM revoked_jtis WHERE jti = $1").execute(Tuple.of(jti))
                .map(rows -> rows.size() > 0);
    }

    // ---- clean-up (GrantCleanupJob): each statement deletes at most {@code batch} rows

    /** Authorization codes expired for longer than {@code retention} (kept that long to catch a late replay). */
    public Uni<Integer> deleteExpiredCodes(SqlClient tx, Instant before, int batch) {
        return tx.preparedQuery("""
                        DELETE FROM authorization_codes WHERE code_hash IN
                          (SELECT code_hash FROM authorization_codes WHERE expires_at < $1 LIMIT $2)""")
                .execute(Tuple.of(utc(before), batch)).map(RowSet::rowCount);
    }

    /**
     * Refresh-token families that ended before {@code before}: a family lives while one of its tokens can still be
     * used (unused, unrevoked, unexpired); used tokens of a live family must stay, since presenting one revokes the
     * family. A family ends at its last revocation, its last unused token's expiry, or its last use. Whole families
     * go, {@code batch} families per call.
     */
    public Uni<Integer> deleteEndedRefreshFamilies(SqlClient tx, Instant before, int batch) {
        return tx.preparedQuery("""
                        DELETE FROM refresh_tokens WHERE family_id IN (
                          SELECT family_id FROM refresh_tokens GROUP BY family_id
                          HAVING max(CASE WHEN revoked_at IS NOT NULL THEN revoked_at
                                          WHEN used_at IS NULL THEN expires_at
                                          ELSE used_at END) < $1
                          LIMIT $2)""")
                .execute(Tuple.of(utc(before), batch)).map(RowSet::rowCount);
    }

    /** Revoked access tokens past their {@code exp}: no verifier accepts them anyway. */
    public Uni<Integer> deleteExpiredRevokedJtis(SqlClient tx, Instant before, int batch) {
        return tx.preparedQuery("""
                        DELETE FROM revoked_jtis WHERE jti IN (SELECT jti FROM revoked_jtis WHERE expires_at < $1 LIMIT $2)""")
                .execute(Tuple.of(utc(before), batch)).map(RowSet::rowCount);
    }

    /** Transaction-scoped: released at commit; another replica holding it means the clean-up is already running. */
    public Uni<Boolean> tryCleanupLock(SqlClient tx) {
        return tx.preparedQuery("SELECT pg_try_advisory_xact_lock($1) AS locked").execute(Tuple.of(CLEANUP_LOCK))
                .map(rows -> rows.iterator().next().getBoolean("locked"));
    }

    private static List<IssuedAccess> issued(RowSet<Row> rows) {
        List<IssuedAccess> list = new ArrayList<>();
        Instant now = Instant.now();
        for (Row r : rows) {
            Instant exp = instant(r.getOffsetDateTime("access_exp"));
            String jti = r.getString("access_jti");
            if (jti != null && exp != null && exp.isAfter(now)) {
                list.add(new IssuedAccess(r.getString("tenant"), jti, exp));
            }
        }
        return list;
    }

    private static Optional<Code> firstCode(RowSet<Row> rows) {
        var it = rows.iterator();
        if (!it.hasNext()) {
            return Optional.empty();
        }
        Row r = it.next();
        return Optional.of(new Code(r.getString("code_hash"), r.getString("tenant"), r.getUUID("application_id"),
                r.getString("member_id"), r.getString("redirect_uri"), Arrays.asList(r.getArrayOfStrings("scopes")),
                r.getString("code_challenge"), instant(r.getOffsetDateTime("expires_at")),
                instant(r.getOffsetDateTime("used_at")), r.getString("access_jti"),
                instant(r.getOffsetDateTime("access_exp")), r.getUUID("refresh_family")));
    }

    private static Optional<RefreshToken> firstRefresh(RowSet<Row> rows) {
        var it = rows.iterator();
        if (!it.hasNext()) {
            return Optional.empty();
        }
        Row r = it.next();
        return Optional.of(new RefreshToken(r.getString("token_hash"), r.getUUID("family_id"), r.getString("tenant"),
                r.getUUID("application_id"), r.getString("member_id"), Arrays.asList(r.getArrayOfStrings("scopes")),
                instant(r.getOffsetDateTime("expires_at")), instant(r.getOffsetDateTime("used_at")),
                instant(r.getOffsetDateTime("revoked_at")), r.getString("access_jti"),
                instant(r.getOffsetDateTime("access_exp"))));
    }
}
