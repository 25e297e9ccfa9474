package dev.latchkey.token.service;

import dev.latchkey.token.repository.IntrospectionRepository;
import dev.latchkey.token.repository.IntrospectionRepository.TokenState;
import dev.latchkey.token.repository.Owner;
import dev.latchkey.token.repository.Token;
import dev.latchkey.verifier.IntrospectionResult;
import dev.latchkey.verifier.OpaqueTokens;
import dev.latchkey.verifier.Scopes;
import dev.latchkey.verifier.quarkus.VertxContexts;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * RFC 7662 introspection of API tokens (DESIGN.md §6 step 1): one indexed look-up by hash (cached), then the
 * token's state decides. Effective scopes = token scopes ∩ what the owner's role allows now.
 */
@ApplicationScoped
public class TokenIntrospection {
    private final Pool pool;
    private final IntrospectionRepository repository;
    private final TokenStateCache cache;
    private final Scopes scopes;

    TokenIntrospection(Pool pool, IntrospectionRepository repository, TokenStateCache cache, Scopes scopes) {
        this.pool = pool;
        this.repository = repository;
        this.cache = cache;
        this.scopes = scopes;
    }

    public CompletableFuture<IntrospectionResult> introspect(String token) {
        return answer(token).thenApply(a -> a.at(Instant.now()));
    }

    /** The token's answer (made once per cache load; {@link IntrospectionAnswer#at} decides at use). */
    public CompletableFuture<IntrospectionAnswer> answer(String token) {
        if (token == null || !OpaqueTokens.isWellFormed(token, OpaqueTokens.API_TOKEN)) {
            // a made-up or mistyped token costs no database look-up
            return CompletableFuture.completedFuture(IntrospectionAnswer.INACTIVE);
        }
        String hash = OpaqueTokens.sha256(token);
        return cache.get(hash, () -> repository.findByHashDirect(pool.getDelegate(), hash)
                .thenApply(s -> answer(s.orElse(null))));
    }

    public Uni<IntrospectionResult> introspectUni(String token) {
        // a look-up shared by concurrent callers completes on the context of the one that started it
        return VertxContexts.onCallersContext(() -> Uni.createFrom().completionStage(() -> introspect(token)));
    }

    /** Inactive for good (revoked, owner not active) or active until its expiry, checked at each use. */
    private IntrospectionAnswer answer(TokenState s) {
        if (s == null) {
            return IntrospectionAnswer.INACTIVE;
        }
        String why = null;
        if (s.revokedAt() != null) {
            why = "revoked";
        } else if (!Owner.STATUS_ACTIVE.equals(s.ownerStatus())) {
            why = s.ownerStatus() == null ? "owner unknown" : "owner " + s.ownerStatus();
        }
        if (why != null) {
            Log.debugf("introspection of token %s: inactive (%s)", s.id(), why);
            return IntrospectionAnswer.inactive(s.id().toString());
        }
        Set<String> effective = scopes.effective(s.scopes(), s.ownerType(),
                Token.OWNER_MEMBER.equals(s.ownerType()) ? s.ownerRole() : null);
        return IntrospectionAnswer.active(IntrospectionResult.active(s.id().toString(), s.ownerId(), s.ownerType(),
                s.tenant(), effective, s.expiresAt(), s.createdAt(), s.visibility(), s.allowedOrigins()));
    }
}
