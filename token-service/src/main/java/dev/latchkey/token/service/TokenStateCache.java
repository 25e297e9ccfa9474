package dev.latchkey.token.service;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.latchkey.events.credential.RevocationScope;
import dev.latchkey.token.config.TokenConfig;
import dev.latchkey.token.repository.IntrospectionRepository.TokenState;
import dev.latchkey.verifier.RevocationStore;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import jakarta.inject.Singleton;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * Token states by hash for introspection, so a hot token costs a hash and a map look-up instead of a query.
 * Entries are dropped (after commit) by every change this process makes, by every revocation record any
 * replica publishes (read by the verifier's revocation consumer), and at the latest after the TTL, which bounds
 * how long a change applied by another replica (e.g. a member disabled in the directory projection) can go
 * unseen here.
 */
@Singleton
public class TokenStateCache {
    private final AsyncCache<String, Optional<TokenState>> cache;

    TokenStateCache(TokenConfig config, RevocationStore revocations, MeterRegistry registry) {
        TokenConfig.IntrospectionCache c = config.introspectionCache();
        this.cache = c.enabled()
                ? Caffeine.newBuilder().maximumSize(c.maxEntries()).expireAfterWrite(c.ttl()).recordStats().buildAsync()
                : null;
        if (cache != null) {
            CaffeineCacheMetrics.monitor(registry, cache, "latchkey_token_introspection");
            revocations.addListener(this::onRevocation);
        }
    }

    /** The state of the token with that hash (empty = unknown), loaded once for concurrent callers. */
    public CompletableFuture<Optional<TokenState>> get(String hash, Supplier<CompletableFuture<Optional<TokenState>>> loader) {
        if (cache == null) {
            return loader.get();
        }
        return cache.get(hash, (k, executor) -> loader.get());
    }

    public void invalidate(String hash) {
        if (cache != null) {
            cache.synchronous().invalidate(hash);
        }
    }

    /** After changes that touch many tokens at once (an owner disabled, a role changed). */
    public void invalidateAll() {
        if (cache != null) {
            cache.synchronous().invalidateAll();
        }
    }

    private void onRevocation(RevocationStore.Revocation r) {
        if (r.scope() == RevocationScope.TOKEN) {
            cache.synchronous().asMap().values().removeIf(s -> s.isPresent() && r.value().equals(s.get().id().toString()));
        } else if (r.scope() == RevocationScope.SUBJECT || r.scope() == RevocationScope.TENANT) {
            cache.synchronous().invalidateAll();
        }
    }
}
