package dev.latchkey.audit.support;

import dev.latchkey.verifier.IntrospectionResult;
import dev.latchkey.verifier.Introspector;
import dev.latchkey.verifier.OpaqueTokens;
import jakarta.annotation.Priority;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Stands in for token-service's introspection endpoint (the verifier's HTTP introspector is a default bean,
 * replaced by this one in tests): tokens minted here are active with the scopes they were minted with; the rest
 * of the verifier (checksum, caching, scope implication, 401/403) runs for real.
 */
@Singleton
@Alternative
@Priority(1)
public class TestCredentials implements Introspector {
    private static final Map<String, IntrospectionResult> TOKENS = new ConcurrentHashMap<>();

    /** A global admin's token of {@code tenant} holding {@code scopes}. */
    public static String token(String tenant, String... scopes) {
        String token = OpaqueTokens.generate(OpaqueTokens.API_TOKEN);
        TOKENS.put(token, IntrospectionResult.active("tok-" + UUID.randomUUID(), "admin-of-" + tenant, "member",
                tenant, Set.of(scopes), null, Instant.now(), IntrospectionResult.PRIVATE, List.of()));
        return token;
    }

    /** A global admin's token of {@code tenant} that expired a minute ago. */
    public static String expiredToken(String tenant, String tokenId) {
        String token = OpaqueTokens.generate(OpaqueTokens.API_TOKEN);
        TOKENS.put(token, IntrospectionResult.active(tokenId, "admin-of-" + tenant, "member", tenant,
                Set.of("audit:read"), Instant.now().minusSeconds(60), Instant.now().minusSeconds(3600),
                IntrospectionResult.PRIVATE, List.of()));
        return token;
    }

    public static String auditReader(String tenant) {
        return token(tenant, "audit:read");
    }

    @Override
    public CompletionStage<IntrospectionResult> introspect(String token) {
        return CompletableFuture.completedFuture(TOKENS.getOrDefault(token, IntrospectionResult.inactive()));
    }
}
