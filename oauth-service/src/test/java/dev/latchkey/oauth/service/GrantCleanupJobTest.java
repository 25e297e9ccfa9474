package dev.latchkey.oauth.service;

import dev.latchkey.oauth.repository.GrantRepository;
import dev.latchkey.oauth.support.Apps;
import dev.latchkey.oauth.support.Directory;
import dev.latchkey.testsupport.PostgresAndKafkaResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static dev.latchkey.oauth.support.TestCredentials.ADMIN_A;
import static dev.latchkey.oauth.support.TestCredentials.TENANT_A;
import static org.assertj.core.api.Assertions.assertThat;

/** The scheduled clean-up (called directly; batch size 2 in the test profile, retention 1 day). */
@QuarkusTest
@WithTestResource(value = PostgresAndKafkaResource.class, initArgs = @ResourceArg(name = "database", value = "oauth_db"))
class GrantCleanupJobTest {
    static String member;
    static String applicationId;

    @Inject
    GrantCleanupJob job;

    @BeforeAll
    static void seed() {
        Directory.seedTenantLimit(TENANT_A, 1000);
        member = UUID.randomUUID().toString();
        Directory.seedMember(TENANT_A, member, "global_admin", "active");
    }

    @BeforeEach
    void application() {
        // RestAssured knows the test port only once the test instance runs
        if (applicationId == null) {
            applicationId = Apps.clientCredentials(ADMIN_A, member, List.of("account:read")).id();
        }
    }

    @Test
    void deletesExpiredCodesBatchAfterBatchButKeepsRecentOnes() {
        String tag = UUID.randomUUID().toString();
        List<String> old = new ArrayList<>();
        for (int i = 0; i < 5; i++) { // more than two batches of 2
            old.add(code(tag + "-old-" + i, ago(Duration.ofDays(2))));
        }
        String recentlyExpired = code(tag + "-recent", ago(Duration.ofMinutes(1)));
        String live = code(tag + "-live", Instant.now().plusSeconds(60));

        job.run(Instant.now()).await().atMost(Duration.ofSeconds(30));

        assertThat(existing("SELECT code_hash FROM authorization_codes WHERE code_hash LIKE ?", tag + "%"))
                .containsExactlyInAnyOrder(recentlyExpired, live);
    }

    @Test
    void deletesRefreshFamiliesOnlyOnceTheyEnded() {
        String tag = UUID.randomUUID().toString();
        // alive: its used token must stay, presenting it again has to revoke the family
        UUID alive = UUID.randomUUID();
        refresh(tag + "-alive-used", alive, Instant.now().plus(Duration.ofDays(20)), ago(Duration.ofDays(3)), null);
        refresh(tag + "-alive-current", alive, Instant.now().plus(Duration.ofDays(30)), null, null);
        // ended: its last token expired two days ago
        UUID expired = UUID.randomUUID();
        refresh(tag + "-expired-used", expired, ago(Duration.ofDays(3)), ago(Duration.ofDays(33)), null);
        refresh(tag + "-expired-last", expired, ago(Duration.ofDays(2)), null, null);
        // ended: revoked two days ago (its tokens had not expired)
        UUID revoked = UUID.randomUUID();
        refresh(tag + "-revoked", revoked, Instant.now().plus(Duration.ofDays(28)), null, ago(Duration.ofDays(2)));
        // revoked an hour ago: within the retention
        UUID revokedRecently = UUID.randomUUID();
        refresh(tag + "-revoked-recently", revokedRecently, Instant.now().plus(Duration.ofDays(28)), null, ago(Duration.ofHours(1)));

        job.run(Instant.now()).await().atMost(Duration.ofSeconds(30));

        assertThat(existing("SELECT token_hash FROM refresh_tokens WHERE token_hash LIKE ?", tag + "%"))
                .containsExactlyInAnyOrder(tag + "-alive-used", tag + "-alive-current", tag + "-revoked-recently");
    }

    @Test
    void deletesRevokedJtisPastTheirExpiry() {
        String tag = UUID.randomUUID().toString();
        Directory.sql("INSERT INTO revoked_jtis (jti, tenant, expires_at, revoked_at) VALUES (?, ?, ?::timestamptz, now())",
                tag + "-expired", TENANT_A, ago(Duration.ofMinutes(1)).toString());
        Directory.sql("INSERT INTO revoked_jtis (jti, tenant, expires_at, revoked_at) VALUES (?, ?, ?::timestamptz, now())",
                tag + "-live", TENANT_A, Instant.now().plus(Duration.ofHours(1)).toString());

        job.run(Instant.now()).await().atMost(Duration.ofSeconds(30));

        assertThat(existing("SELECT jti FROM revoked_jtis WHERE jti LIKE ?", tag + "%")).containsExactly(tag + "-live");
    }

    @Test
    void leavesTheWorkToTheReplicaHoldingTheLock() throws Exception {
        String tag = UUID.randomUUID().toString();
        String old = code(tag + "-old", ago(Duration.ofDays(2)));
        try (Connection other = Directory.connection()) {
            // another replica is in the middle of a clean-up batch
            other.setAutoCommit(false);
            try (PreparedStatement ps = other.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
                ps.setLong(1, GrantRepository.CLEANUP_LOCK);
                ps.execute();
            }
            GrantCleanupJob.Deleted deleted = job.run(Instant.now()).await().atMost(Duration.ofSeconds(30));
            assertThat(deleted.total()).isZero();
            assertThat(existing("SELECT code_hash FROM authorization_codes WHERE code_hash LIKE ?", tag + "%")).containsExactly(old);
            other.commit();
        }
        job.run(Instant.now()).await().atMost(Duration.ofSeconds(30));
        assertThat(existing("SELECT code_hash FROM authorization_codes WHERE code_hash LIKE ?", tag + "%")).isEmpty();
    }

    private static Instant ago(Duration d) {
        return Instant.now().minus(d);
    }

    private static String code(String hash, Instant expiresAt) {
        Directory.sql("""
                INSERT INTO authorization_codes (code_hash, tenant, application_id, member_id, redirect_uri, scopes, code_challenge,
                  expires_at, created_at) VALUES (?, ?, ?::uuid, 'm', 'https://app.example/cb', '{account:read}', 'c', ?::timestamptz, now())""",
                hash, TENANT_A, applicationId, expiresAt.toString());
        return hash;
    }

    private static void refresh(String hash, UUID family, Instant expiresAt, Instant usedAt, Instant revokedAt) {
        Directory.sql("""
                INSERT INTO refresh_tokens (token_hash, family_id, tenant, application_id, member_id, scopes, expires_at, used_at,
                  revoked_at, created_at) VALUES (?, ?::uuid, ?, ?::uuid, 'm', '{account:read}', ?::timestamptz, ?::timestamptz,
                  ?::timestamptz, now())""",
                hash, family.toString(), TENANT_A, applicationId, expiresAt.toString(),
                usedAt == null ? null : usedAt.toString(), revokedAt == null ? null : revokedAt.toString());
    }

    private static List<String> existing(String query, String arg) {
        try (Connection c = Directory.connection(); PreparedStatement ps = c.prepareStatement(query)) {
            ps.setString(1, arg);
            List<String> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
            return out;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
