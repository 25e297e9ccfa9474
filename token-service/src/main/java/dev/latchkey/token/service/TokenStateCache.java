package dev.latchkey.token.service;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.latchkey.events.credential.RevocationScope;
import dev.latchkey.token.config.TokenConfig;
import dev.latchkey.verifier.RevocationStore;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import jakarta.inject.Singleton;

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
    private final AsyncCache<String, IntrospectionAnswer> cache;

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

    /** The answer for the token with that hash, loaded once for concurrent callers. */
    public CompletableFuture<IntrospectionAnswer> get(String hash, Supplier<CompletableFuture<IntrospectionAnswer>> loader) {
        if (cache == null) {
            return loader.get();
        }
        CompletableFuture<IntrospectionAnswer> hit = cache.getIfPresent(hash);
        // a loaded entry is answered without Caffeine's compute path (and without a dependent future)
        return hit != null ? hit : cache.get(hash, (k, executor) -> loader.get());
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
            cache.synchronous().asMap().values().removeIf(a -> r.value().equals(a.tokenId()));
        } else if (r.scope() == RevocationScope.SUBJECT || r.scope() == RevocationScope.TENANT) {
            cache.synchronous().invalidateAll();
        }
    }
}
