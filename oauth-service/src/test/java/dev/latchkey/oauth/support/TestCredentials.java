package dev.latchkey.oauth.support;

import dev.latchkey.verifier.IntrospectionResult;
import dev.latchkey.verifier.Introspector;
import dev.latchkey.verifier.OpaqueTokens;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Stands in for token-service's introspection endpoint (another service): fixed API tokens of a global admin and
 * a member of tenant A, and a global admin of tenant B. Replaces the library's HTTP introspector ({@code @DefaultBean}).
 */
@Singleton
public class TestCredentials implements Introspector {
    public static final String TENANT_A = "SP-000001-01";
    public static final String TENANT_B = "SP-000002-01";
    public static final String ADMIN_A_ID = "a0000000-0000-0000-0000-00000000000a";
    public static final String MEMBER_A_ID = "a0000000-0000-0000-0000-00000000000b";
    public static final String ADMIN_B_ID = "b0000000-0000-0000-0000-00000000000a";
    public static final String ADMIN_A = OpaqueTokens.generate(OpaqueTokens.API_TOKEN);
    public static final String MEMBER_A = OpaqueTokens.generate(OpaqueTokens.API_TOKEN);
    public static final String ADMIN_B = OpaqueTokens.generate(OpaqueTokens.API_TOKEN);

    private static final Map<String, IntrospectionResult> TOKENS = Map.of(
            ADMIN_A, active("t-admin-a", ADMIN_A_ID, TENANT_A, Set.of("admin")),
            MEMBER_A, active("t-member-a", MEMBER_A_ID, TENANT_A, Set.of("oauth_app:read", "account:read")),
            ADMIN_B, active("t-admin-b", ADMIN_B_ID, TENANT_B, Set.of("admin")));

    private static IntrospectionResult active(String id, String sub, String tenant, Set<String> scopes) {
        return IntrospectionResult.active(id, sub, "member", tenant, scopes, null, Instant.now(),
                IntrospectionResult.PRIVATE, List.of());
    }

    @Override
    public CompletionStage<IntrospectionResult> introspect(String token) {
        return CompletableFuture.completedFuture(TOKENS.getOrDefault(token, IntrospectionResult.inactive()));
    }

    public static String bearer(String token) {
        return "Bearer " + token;
    }
}
