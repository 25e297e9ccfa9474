package dev.latchkey.verifier;

import dev.latchkey.events.credential.CredentialRevoked;
import dev.latchkey.events.credential.RevocationScope;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The in-memory copy of {@code latchkey.credential.revocations} (compacted: latest record per key wins), plus
 * how far behind the topic we are. Look-ups are map reads: this sits on every request's path.
 */
public final class RevocationStore {

    /**
     * @param receivedNanos local {@link System#nanoTime()} when this verifier learnt of it: cached introspection
     *                      answers requested before that are stale (independent of the producer's clock)
     */
    public record Revocation(RevocationScope scope, String value, Instant notBefore, Instant expiresAt,
                             String reason, long receivedNanos) {
    }

    private final Map<String, Revocation> byKey = new ConcurrentHashMap<>();
    private final List<Consumer<Revocation>> listeners = new CopyOnWriteArrayList<>();
    private final Clock clock;
    private final long startedNanos = System.nanoTime();
    /** {@code Long.MIN_VALUE} until the consumer first reached the end of every partition. */
    private volatile long lastCaughtUpNanos = Long.MIN_VALUE;
    private volatile long recordsBehind = -1;
    /** When the newest revocation arrived; lets a cache hit skip the per-key look-ups when nothing is newer. */
    private volatile long lastReceivedNanos = System.nanoTime();

    public RevocationStore(Clock clock) {
        this.clock = clock;
    }

    public RevocationStore() {
        this(Clock.systemUTC());
    }

    /** Called for every revocation applied, after it is in the store (the verifier drops cache entries). */
    public void addListener(Consumer<Revocation> listener) {
        listeners.add(listener);
    }

    public void apply(CredentialRevoked event) {
        Revocation r = new Revocation(event.scope(), event.value(), event.notBefore(), event.expiresAt(),
                event.reason(), System.nanoTime());
        byKey.put(event.scope().key(event.value()), r);
        lastReceivedNanos = r.receivedNanos();
        for (Consumer<Revocation> l : listeners) {
            l.accept(r);
        }
    }

    /** A tombstone on the compacted topic. */
    public void remove(String key) {
        byKey.remove(key);
    }

    public Revocation get(RevocationScope scope, String value) {
        Revocation r = byKey.get(scope.key(value));
        if (r != null && r.expiresAt() != null && r.expiresAt().isBefore(clock.instant())) {
            return null;
        }
        return r;
    }

    /**
     * The revocation that applies to a JWT, or {@code null}: its {@code jti} revoked, or {@code iat} earlier than
     * a not-before of its subject, client or tenant.
     */
    public Revocation revokedJwt(String tenant, String subject, String clientId, String jti, Instant issuedAt) {
        Revocation r = get(RevocationScope.JTI, jti);
        if (r != null) {
            return r;
        }
        r = get(RevocationScope.SUBJECT, tenant + ":" + subject);
        if (appliesTo(r, issuedAt)) {
            return r;
        }
        if (clientId != null) {
            r = get(RevocationScope.CLIENT, tenant + ":" + clientId);
            if (appliesTo(r, issuedAt)) {
                return r;
            }
        }
        r = get(RevocationScope.TENANT, tenant);
        return appliesTo(r, issuedAt) ? r : null;
    }

    /**
     * The newest revocation for an opaque token's id, owner or tenant that arrived after {@code requestedNanos}
     * (when its introspection answer was requested), or {@code null}: such an answer must be fetched again.
     */
    public Revocation newerThan(long requestedNanos, String tenant, String subject, String tokenId) {
        Revocation r = byKey.get(RevocationScope.TOKEN.key(tokenId));
        if (r != null && r.receivedNanos() - requestedNanos > 0) {
            return r;
        }
        r = byKey.get(RevocationScope.SUBJECT.key(tenant + ":" + subject));
        if (r != null && r.receivedNanos() - requestedNanos > 0) {
            return r;
        }
        r = byKey.get(RevocationScope.TENANT.key(tenant));
        return r != null && r.receivedNanos() - requestedNanos > 0 ? r : null;
    }

    /** Whether any revocation arrived after {@code nanos} (local {@link System#nanoTime()}). */
    public boolean anyReceivedSince(long nanos) {
        return lastReceivedNanos - nanos > 0;
    }

    private static boolean appliesTo(Revocation r, Instant issuedAt) {
        return r != null && (r.notBefore() == null || issuedAt == null || issuedAt.isBefore(r.notBefore()));
    }

    /** Forget records whose own expiry has passed (every credential they could apply to has expired). */
    public void prune() {
        Instant now = clock.instant();
        byKey.values().removeIf(r -> r.expiresAt() != null && r.expiresAt().isBefore(now));
    }

    public int size() {
        return byKey.size();
    }

    // ---------------------------------------------------------------- lag

    public void markCaughtUp() {
        markCaughtUp(System.nanoTime());
    }

    /** Everything published before {@code asOfNanos} (local {@link System#nanoTime()}) has been applied. */
    public synchronized void markCaughtUp(long asOfNanos) {
        if (lastCaughtUpNanos == Long.MIN_VALUE || asOfNanos - lastCaughtUpNanos > 0) {
            lastCaughtUpNanos = asOfNanos;
        }
        recordsBehind = 0;
    }

    public void setRecordsBehind(long records) {
        recordsBehind = records;
    }

    public long recordsBehind() {
        return recordsBehind;
    }

    public boolean hasEverCaughtUp() {
        return lastCaughtUpNanos != Long.MIN_VALUE;
    }

    /**
     * Time since the consumer was last at the end of the topic; since start when it never was. Fail closed when
     * this exceeds the configured bound.
     */
    public Duration lag() {
        long last = lastCaughtUpNanos;
        return Duration.ofNanos(System.nanoTime() - (last == Long.MIN_VALUE ? startedNanos : last));
    }

    /** Never caught up yet (revocations not loaded), or not caught up for longer than {@code bound}. */
    public boolean isBehind(Duration bound) {
        return !hasEverCaughtUp() || lag().compareTo(bound) > 0;
    }
}
