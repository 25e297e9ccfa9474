package dev.latchkey.verifier;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class ScopesTest {
    private final Scopes scopes = Scopes.DEFAULT;

    @ParameterizedTest(name = "{0} implies {1}: {2}")
    @CsvSource({
            // equality
            "account:read, account:read, true",
            "token:introspect, token:introspect, true",
            "admin, admin, true",
            // admin implies everything
            "admin, account:read, true",
            "admin, audit:definitions:upsert, true",
            "admin, token:introspect, true",
            // nothing else implies admin
            "account:all, admin, false",
            "token:all, admin, false",
            // E:all implies every E:...
            "account:all, account:read, true",
            "account:all, account:create, true",
            "account:all, account:update, true",
            "account:all, account:upsert, true",
            "account:all, account:delete, true",
            "account:all, account:definitions:read, true",
            "account:all, account:definitions:upsert, true",
            "token:all, token:introspect, true",
            // ...but not another entity's
            "account:all, user:read, false",
            "account:all, accounts:read, false",
            "acc:all, account:read, false",
            // E:upsert implies E:create and E:update only
            "account:upsert, account:create, true",
            "account:upsert, account:update, true",
            "account:upsert, account:read, false",
            "account:upsert, account:delete, false",
            "account:upsert, account:definitions:upsert, false",
            "account:upsert, account:all, false",
            "user:upsert, account:create, false",
            // no other implication
            "account:create, account:upsert, false",
            "account:update, account:upsert, false",
            "account:read, account:definitions:read, false",
            "account:definitions:upsert, account:definitions:read, false",
            "account:definitions:upsert, account:upsert, false",
            "account:definitions:read, account:read, false",
            "account:delete, account:read, false",
            "account:read, account:all, false",
            "token:read, token:introspect, false",
            "token:upsert, token:introspect, false",
    })
    void implicationRules(String held, String required, boolean expected) {
        assertThat(Scopes.implies(held, required)).isEqualTo(expected);
    }

    @Test
    void impliesAnyLooksAtEveryHeldScope() {
        assertThat(Scopes.impliesAny(Set.of("user:read", "account:upsert"), "account:create")).isTrue();
        assertThat(Scopes.impliesAny(Set.of("user:read", "account:upsert"), "account:delete")).isFalse();
        assertThat(Scopes.impliesAny(Set.of(), "account:read")).isFalse();
    }

    @Test
    void validScopesPassValidation() {
        assertThat(scopes.validate(List.of("admin", "account:read", "account:definitions:upsert", "token:introspect",
                "audit:all", "system_user:read", "oauth_app:upsert"))).isEmpty();
    }

    @Test
    void eachBadScopeGetsItsOwnPreciseError() {
        List<ScopeError> errors = scopes.validate(List.of("account:read", "acount:read", "account:write", "account",
                "", "Account:read", "account:", ":read", "user:introspect", "admin:read", "account:definitions:delete"));
        assertThat(errors).extracting(ScopeError::scope, ScopeError::code).containsExactly(
                org.assertj.core.groups.Tuple.tuple("acount:read", ScopeError.Code.UNKNOWN_ENTITY),
                org.assertj.core.groups.Tuple.tuple("account:write", ScopeError.Code.UNKNOWN_OPERATION),
                org.assertj.core.groups.Tuple.tuple("account", ScopeError.Code.MALFORMED),
                org.assertj.core.groups.Tuple.tuple("", ScopeError.Code.MALFORMED),
                org.assertj.core.groups.Tuple.tuple("Account:read", ScopeError.Code.MALFORMED),
                org.assertj.core.groups.Tuple.tuple("account:", ScopeError.Code.MALFORMED),
                org.assertj.core.groups.Tuple.tuple(":read", ScopeError.Code.MALFORMED),
                org.assertj.core.groups.Tuple.tuple("user:introspect", ScopeError.Code.UNKNOWN_OPERATION),
                org.assertj.core.groups.Tuple.tuple("admin:read", ScopeError.Code.UNKNOWN_ENTITY),
                org.assertj.core.groups.Tuple.tuple("account:definitions:delete", ScopeError.Code.UNKNOWN_OPERATION));
        assertThat(errors.get(0).message()).contains("acount");
    }

    @Test
    void theCatalogIsConfigurable() {
        Scopes custom = new Scopes(List.of("invoice"));
        assertThat(custom.isValid("invoice:read")).isTrue();
        assertThat(custom.isValid("account:read")).isFalse();
    }

    @Test
    void parseListSplitsOnWhitespace() {
        assertThat(Scopes.parseList("  account:read   user:read\taccount:read ")).containsExactly("account:read", "user:read");
        assertThat(Scopes.parseList(null)).isEmpty();
        assertThat(Scopes.parseList("")).isEmpty();
    }

    // ---------------------------------------------------------------- role ceilings

    @Test
    void globalAdminKeepsEverything() {
        Set<String> token = Set.of("admin", "token:introspect", "audit:all", "member:all");
        assertThat(scopes.effective(token, "member", "global_admin")).containsExactlyInAnyOrderElementsOf(token);
        assertThat(scopes.exceedsRole(token, "member", "global_admin")).isEmpty();
    }

    @Test
    void memberLosesAdminIntrospectAuditAndWritesOnPeopleAppsAndServiceAccounts() {
        assertThat(scopes.exceedsRole(List.of("admin", "token:introspect", "audit:read", "member:create",
                "service_account:update", "oauth_app:delete", "oauth_app:definitions:upsert", "member:upsert",
                "account:all", "token:all", "member:read", "oauth_app:definitions:read", "service_account:read"),
                "member", "member"))
                .containsExactly("admin", "token:introspect", "audit:read", "member:create", "service_account:update",
                        "oauth_app:delete", "oauth_app:definitions:upsert", "member:upsert", "token:all");
    }

    @Test
    void membersAllOnReadOnlyEntityIsNarrowedToReads() {
        Set<String> eff = scopes.effective(List.of("member:all"), "member", "member");
        assertThat(eff).containsExactlyInAnyOrder("member:read", "member:definitions:read");
        LatchkeyPrincipal p = principal("member", eff);
        assertThat(p.hasScope("member:read")).isTrue();
        assertThat(p.hasScope("member:create")).isFalse();
        assertThat(p.hasScope("member:update")).isFalse();
        assertThat(p.hasScope("member:delete")).isFalse();
    }

    @Test
    void membersTokenAllLosesOnlyIntrospect() {
        LatchkeyPrincipal p = principal("member", scopes.effective(List.of("token:all"), "member", "member"));
        assertThat(p.hasScope("token:read")).isTrue();
        assertThat(p.hasScope("token:upsert")).isTrue();
        assertThat(p.hasScope("token:create")).isTrue();
        assertThat(p.hasScope("token:delete")).isTrue();
        assertThat(p.hasScope("token:definitions:upsert")).isTrue();
        assertThat(p.hasScope("token:introspect")).isFalse();
    }

    @Test
    void membersAdminBecomesEverythingTheRoleAllows() {
        LatchkeyPrincipal p = principal("member", scopes.effective(List.of("admin"), "member", "member"));
        assertThat(p.hasScope("admin")).isFalse();
        assertThat(p.hasScope("account:all")).isTrue();
        assertThat(p.hasScope("member:read")).isTrue();
        assertThat(p.hasScope("member:create")).isFalse();
        assertThat(p.hasScope("audit:read")).isFalse();
        assertThat(p.hasScope("token:introspect")).isFalse();
    }

    @Test
    void serviceAccountKeepsAllButAdmin() {
        assertThat(scopes.exceedsRole(List.of("admin", "token:introspect", "audit:read", "member:all"),
                "service_account", null)).containsExactly("admin");
        LatchkeyPrincipal p = principal("service_account",
                scopes.effective(List.of("admin"), "service_account", null));
        assertThat(p.hasScope("admin")).isFalse();
        assertThat(p.hasScope("member:create")).isTrue();
        assertThat(p.hasScope("token:introspect")).isTrue();
        assertThat(p.hasScope("audit:read")).isTrue();
    }

    @Test
    void unknownPrincipalTypeOrRoleGetsNothing() {
        assertThat(scopes.effective(List.of("account:read"), "robot", null)).isEmpty();
        assertThat(scopes.effective(List.of("account:read"), "member", null)).isEmpty();
        assertThat(scopes.effective(List.of("account:read"), "member", "disabled")).isEmpty();
    }

    @Test
    void effectiveNeverGrantsMoreThanTheToken() {
        LatchkeyPrincipal p = principal("member", scopes.effective(List.of("account:read"), "member", "global_admin"));
        assertThat(p.hasScope("account:read")).isTrue();
        assertThat(p.hasScope("account:create")).isFalse();
        assertThat(p.hasScope("user:read")).isFalse();
    }

    private static LatchkeyPrincipal principal(String type, Set<String> scopes) {
        return new LatchkeyPrincipal("SP-1-01", type, "p1", CredentialKind.API_TOKEN, "t1", null, scopes);
    }
}
