package dev.latchkey.token.service;

import dev.latchkey.token.repository.IntrospectionRepository;
import dev.latchkey.token.repository.IntrospectionRepository.TokenState;
import dev.latchkey.token.repository.Owner;
import dev.latchkey.token.repository.Token;
import dev.latchkey.verifier.IntrospectionResult;
import dev.latchkey.verifier.OpaqueTokens;
import dev.latchkey.verifier.Scopes;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.Optional;
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
        if (token == null || !OpaqueTokens.isWellFormed(token, OpaqueTokens.API_TOKEN)) {
            // a made-up or mistyped token costs no database look-up
            return CompletableFuture.completedFuture(IntrospectionResult.inactive());
        }
        String hash = OpaqueTokens.sha256(token);
        CompletableFuture<Optional<TokenState>> state = cache.get(hash,
                () -> repository.findByHashDirect(pool.getDelegate(), hash));
        if (state.isDone()) {
            // the hot path: a cache hit answers synchronously on the caller's thread
            return state.thenApply(s -> result(s.orElse(null), Instant.now()));
        }
        return onCallersContext(state).thenApply(s -> result(s.orElse(null), Instant.now()));
    }

    /**
     * A look-up shared by concurrent callers completes on the Vert.x context of the one that started it: each
     * caller must go on on its own context (its request context lives there).
     */
    private static <T> CompletableFuture<T> onCallersContext(CompletableFuture<T> shared) {
        Context caller = Vertx.currentContext();
        if (caller == null) {
            return shared;
        }
        CompletableFuture<T> mine = new CompletableFuture<>();
        shared.whenComplete((value, error) -> {
            Runnable complete = () -> {
                if (error != null) {
                    mine.completeExceptionally(error);
                } else {
                    mine.complete(value);
                }
            };
            if (Vertx.currentContext() == caller) {
                complete.run();
            } else {
                caller.runOnContext(v -> complete.run());
            }
        });
        return mine;
    }

    public Uni<IntrospectionResult> introspectUni(String token) {
        return Uni.createFrom().completionStage(() -> introspect(token));
    }

    private IntrospectionResult result(TokenState s, Instant now) {
        if (s == null) {
            return IntrospectionResult.inactive();
        }
        String why = null;
        if (s.revokedAt() != null) {
            why = "revoked";
        } else if (s.expiresAt() != null && !now.isBefore(s.expiresAt())) {
            why = "expired";
        } else if (!Owner.STATUS_ACTIVE.equals(s.ownerStatus())) {
            why = s.ownerStatus() == null ? "owner unknown" : "owner " + s.ownerStatus();
        }
        if (why != null) {
            Log.debugf("introspection of token %s: inactive (%s)", s.id(), why);
            return IntrospectionResult.inactive();
        }
        Set<String> effective = scopes.effective(s.scopes(), s.ownerType(),
                Token.OWNER_MEMBER.equals(s.ownerType()) ? s.ownerRole() : null);
        return IntrospectionResult.active(s.id().toString(), s.ownerId(), s.ownerType(), s.tenant(), effective,
                s.expiresAt(), s.createdAt(), s.visibility(), s.allowedOrigins());
    }
}
