package dev.latchkey.directory.support;

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
 * Stands in for token-service's introspection endpoint (another service): fixed API tokens with the effective
 * scopes token-service would answer. Replaces the library's HTTP introspector ({@code @DefaultBean}).
 */
@Singleton
public class TestCredentials implements Introspector {
    /** The operator tenant (and the bootstrap tenant). */
    public static final String TENANT_A = "SP-000001-01";
    public static final String TENANT_B = "SP-000002-01";
    public static final String ADMIN_A_ID = "a0000000-0000-4000-8000-00000000000a";
    public static final String MEMBER_A_ID = "a0000000-0000-4000-8000-00000000000b";
    public static final String SCIM_A_ID = "a0000000-0000-4000-8000-00000000000c";
    public static final String ADMIN_B_ID = "b0000000-0000-4000-8000-00000000000a";
    public static final String SCIM_B_ID = "b0000000-0000-4000-8000-00000000000c";

    /** Global admin of tenant A with {@code admin}: also the platform operator. */
    public static final String ADMIN_A = OpaqueTokens.generate(OpaqueTokens.API_TOKEN);
    /** A plain member of tenant A: reads only (the member role's ceiling). */
    public static final String MEMBER_A = OpaqueTokens.generate(OpaqueTokens.API_TOKEN);
    /** The identity provider's SCIM credential in tenant A: a service account with {@code member:all}. */
    public static final String SCIM_A = OpaqueTokens.generate(OpaqueTokens.API_TOKEN);
    /** Global admin of tenant B with {@code admin}: not a platform operator. */
    public static final String ADMIN_B = OpaqueTokens.generate(OpaqueTokens.API_TOKEN);
    public static final String SCIM_B = OpaqueTokens.generate(OpaqueTokens.API_TOKEN);

    private static final Map<String, IntrospectionResult> TOKENS = Map.of(
            ADMIN_A, active("t-admin-a", ADMIN_A_ID, "member", TENANT_A, Set.of("admin")),
            MEMBER_A, active("t-member-a", MEMBER_A_ID, "member", TENANT_A,
                    Set.of("service_account:read", "member:read", "member:definitions:read")),
            SCIM_A, active("t-scim-a", SCIM_A_ID, "service_account", TENANT_A, Set.of("member:all")),
            ADMIN_B, active("t-admin-b", ADMIN_B_ID, "member", TENANT_B, Set.of("admin")),
            SCIM_B, active("t-scim-b", SCIM_B_ID, "service_account", TENANT_B, Set.of("member:all")));

    private static IntrospectionResult active(String id, String sub, String ownerType, String tenant, Set<String> scopes) {
        return IntrospectionResult.active(id, sub, ownerType, tenant, scopes, null, Instant.now(),
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
