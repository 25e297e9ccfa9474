package dev.latchkey.verifier;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

class UpstreamPeopleTest {
    private static final String TENANT = "SP-000001-01";
    private final UpstreamPeople people = new UpstreamPeople(Scopes.DEFAULT, "latchkey_tenant", "email");

    private static Map<String, Object> claims(String tenant, String email) {
        Map<String, Object> c = new HashMap<>();
        c.put("iss", "http://idp/realms/latchkey");
        c.put("sub", "kc-user-1");
        c.put("jti", "jti-1");
        c.put("azp", "latchkey-cli");
        if (tenant != null) {
            c.put("latchkey_tenant", tenant);
        }
        if (email != null) {
            c.put("email", email);
        }
        c.put("latchkey_role", "global_admin");
        return c;
    }

    private VerificationResult map(Map<String, Object> claims, MemberDirectory directory) {
        return people.principalOf(claims, directory).toCompletableFuture().join();
    }

    @Test
    void shouldMapAnActiveGlobalAdminToEverythingTheirRoleAllows() {
        AtomicReference<UpstreamPerson> asked = new AtomicReference<>();
        VerificationResult r = map(claims(TENANT, "alice@example.com"), p -> {
            asked.set(p);
            return CompletableFuture.completedFuture(MemberLookup.active("m-1", Scopes.ROLE_GLOBAL_ADMIN));
        });
        assertThat(asked.get().tenant()).isEqualTo(TENANT);
        assertThat(asked.get().userName()).isEqualTo("alice@example.com");
        assertThat(asked.get().subject()).isEqualTo("kc-user-1");
        assertThat(asked.get().claim("latchkey_role")).isEqualTo("global_admin");
        LatchkeyPrincipal p = r.principal();
        assertThat(p.tenant()).isEqualTo(TENANT);
        assertThat(p.principalType()).isEqualTo(Scopes.PRINCIPAL_MEMBER);
        assertThat(p.principalId()).isEqualTo("m-1");
        assertThat(p.credentialKind()).isEqualTo(CredentialKind.OIDC);
        assertThat(p.credentialId()).isEqualTo("jti-1");
        assertThat(p.clientId()).isEqualTo("latchkey-cli");
        assertThat(p.scopes()).containsExactly(Scopes.ADMIN);
    }

    @Test
    void shouldBoundAPlainMemberByTheMemberRoleWhateverTheTokenClaims() {
        // the token claims global_admin; the member's current Latchkey role is member: the role wins
        LatchkeyPrincipal p = map(claims(TENANT, "bob@example.com"),
                x -> CompletableFuture.completedFuture(MemberLookup.active("m-2", Scopes.ROLE_MEMBER))).principal();
        assertThat(p.hasScope("token:create")).isTrue();
        assertThat(p.hasScope("member:read")).isTrue();
        assertThat(p.hasScope("member:update")).isFalse();
        assertThat(p.hasScope("service_account:create")).isFalse();
        assertThat(p.hasScope("audit:read")).isFalse();
        assertThat(p.hasScope(Scopes.ADMIN)).isFalse();
        assertThat(p.hasScope(Scopes.TOKEN_INTROSPECT)).isFalse();
    }

    @Test
    void shouldUseTheConfiguredClaimNames() {
        UpstreamPeople custom = new UpstreamPeople(Scopes.DEFAULT, "org", "preferred_username");
        Map<String, Object> c = Map.of("org", TENANT, "preferred_username", "carol", "sub", "s");
        AtomicReference<UpstreamPerson> asked = new AtomicReference<>();
        VerificationResult r = custom.principalOf(c, p -> {
            asked.set(p);
            return CompletableFuture.completedFuture(MemberLookup.active("m-3", Scopes.ROLE_MEMBER));
        }).toCompletableFuture().join();
        assertThat(asked.get().userName()).isEqualTo("carol");
        // no jti: the subject names the credential
        assertThat(r.principal().credentialId()).isEqualTo("s");
    }

    @Test
    void shouldRefuseEachWayAPersonCanFailToMap() {
        MemberDirectory never = p -> {
            throw new AssertionError("must not be asked");
        };
        assertThat(map(claims(null, "a@example.com"), never).failure()).isEqualTo(FailureReason.MISSING_CLAIM);
        assertThat(map(claims(TENANT, null), never).failure()).isEqualTo(FailureReason.MISSING_CLAIM);
        assertThat(map(claims(TENANT, "  "), never).failure()).isEqualTo(FailureReason.MISSING_CLAIM);
        Map<String, Object> listTenant = claims(null, "a@example.com");
        listTenant.put("latchkey_tenant", List.of(TENANT));
        assertThat(map(listTenant, never).failure()).isEqualTo(FailureReason.MISSING_CLAIM);
        assertThat(map(claims("acme", "a@example.com"), never).failure()).isEqualTo(FailureReason.TENANT_UNAVAILABLE);

        assertThat(map(claims(TENANT, "a@example.com"),
                p -> CompletableFuture.completedFuture(MemberLookup.inactive("m")))
                .failure()).isEqualTo(FailureReason.OWNER_DISABLED);
        assertThat(map(claims(TENANT, "a@example.com"),
                p -> CompletableFuture.completedFuture(MemberLookup.notProvisioned()))
                .failure()).isEqualTo(FailureReason.NOT_PROVISIONED);
        assertThat(map(claims(TENANT, "a@example.com"),
                p -> CompletableFuture.completedFuture(MemberLookup.tenantUnavailable()))
                .failure()).isEqualTo(FailureReason.TENANT_UNAVAILABLE);
    }

    @Test
    void shouldAnswerUnavailableWhenTheDirectoryCannotBeAsked() {
        assertThat(map(claims(TENANT, "a@example.com"),
                p -> CompletableFuture.failedFuture(new IllegalStateException("db down")))
                .failure()).isEqualTo(FailureReason.DIRECTORY_UNAVAILABLE);
        assertThat(map(claims(TENANT, "a@example.com"), p -> {
            throw new IllegalStateException("db down");
        }).failure()).isEqualTo(FailureReason.DIRECTORY_UNAVAILABLE);
        assertThat(FailureReason.DIRECTORY_UNAVAILABLE.status()).isEqualTo(503);
    }

    @Test
    void shouldTreatOnlyActiveStatusAsActive() {
        assertThat(MemberLookup.ofStatus("m", "member", "active").outcome()).isEqualTo(MemberLookup.Outcome.ACTIVE);
        assertThat(MemberLookup.ofStatus("m", "member", "disabled").outcome()).isEqualTo(MemberLookup.Outcome.INACTIVE);
        assertThat(MemberLookup.ofStatus("m", "member", "deleted").outcome()).isEqualTo(MemberLookup.Outcome.INACTIVE);
    }
}
