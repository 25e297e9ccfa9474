package dev.latchkey.verifier;

import dev.latchkey.events.Actor;
import dev.latchkey.events.EventEnvelope;
import dev.latchkey.events.Target;
import dev.latchkey.events.authentication.AuthenticationEvents;
import dev.latchkey.events.authentication.CredentialRefused;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Failed authentications for the audit trail (DESIGN.md §6), aggregated so that an attacker cannot flood Kafka:
 * between two drains, one aggregate per (tenant or unknown, reason, credential id or unknown, client IP), and
 * at most {@code maxReports} of them; refusals beyond that bound are counted per (tenant, reason) only
 * ({@code overflow}). A flood of made-up credentials from any number of addresses therefore costs at most
 * {@code maxReports} + one per reason and tenant events per interval and verifier.
 * <p>
 * Not recorded: requests without a credential (not an authentication attempt) and refusals caused by the
 * platform rather than the credential (introspection unavailable, revocations behind) — those are in the log
 * and the metrics. The credential itself is never kept: only its kind, its id when known and, for an API token
 * of unknown id, its display hint.
 */
public final class FailureRecorder {
    static final Set<FailureReason> NOT_AUDITED = EnumSet.of(FailureReason.MISSING,
            FailureReason.INTROSPECTION_UNAVAILABLE, FailureReason.REVOCATIONS_BEHIND);
    /** Hint of an aggregate whose refusals had different hints: none is shown then. */
    private static final String MIXED = "";

    private record Key(String tenant, FailureReason reason, String principalType, String principalId,
                       CredentialKind kind, String credentialId, String clientIp, boolean overflow) {
    }

    private static final class Aggregate {
        long count;
        Instant first;
        Instant last;
        String hint;
    }

    private final ConcurrentHashMap<Key, Aggregate> aggregates = new ConcurrentHashMap<>();
    private final AtomicInteger distinct = new AtomicInteger();
    private final int maxReports;
    private final Clock clock;

    /** @param maxReports distinct aggregates per interval before refusals are only counted per reason */
    public FailureRecorder(int maxReports, Clock clock) {
        this.maxReports = maxReports;
        this.clock = clock;
    }

    /**
     * Counts one refusal.
     *
     * @param owner      what is known about the credential's owner ({@code null} = nothing)
     * @param credential the refused credential, only to tell its kind and hint; never stored
     */
    public void record(FailureReason reason, CredentialOwner owner, String credential, String clientIp) {
        if (NOT_AUDITED.contains(reason)) {
            return;
        }
        CredentialOwner o = owner == null ? CredentialOwner.UNKNOWN : owner;
        CredentialKind kind = o.kind() != null ? o.kind() : kindOf(credential);
        String hint = o.credentialId() == null && kind == CredentialKind.API_TOKEN ? hintOf(credential) : null;
        Key key = new Key(o.tenant(), reason, o.principalType(), o.principalId(), kind, o.credentialId(), clientIp, false);
        if (!aggregates.containsKey(key) && distinct.incrementAndGet() > maxReports) {
            key = new Key(o.tenant(), reason, null, null, null, null, null, true);
            hint = null;
        }
        Instant now = clock.instant();
        String h = hint;
        aggregates.compute(key, (k, a) -> {
            if (a == null) {
                a = new Aggregate();
                a.first = now;
                a.hint = h;
            } else if (!Objects.equals(a.hint, h)) {
                a.hint = MIXED;
            }
            a.count++;
            a.last = now;
            return a;
        });
    }

    /**
     * {@link #drain()} as events of {@code source} (for {@link ReportPublisher}), with the client address also as
     * the {@code ce_clientip} extension the audit trail reads for every event.
     */
    public List<EventEnvelope> drainEvents(String source) {
        return drain().stream()
                .map(r -> EventEnvelope.of(source, AuthenticationEvents.CREDENTIAL_REFUSED, r).withOrigin(r.clientIp(), null))
                .toList();
    }

    /** The aggregates since the previous drain, as event data; counting starts again from zero. */
    public List<CredentialRefused> drain() {
        distinct.set(0);
        List<CredentialRefused> out = new ArrayList<>();
        for (Key key : aggregates.keySet()) {
            Aggregate a = aggregates.remove(key);
            if (a != null) {
                out.add(event(key, a));
            }
        }
        return out;
    }

    private static CredentialRefused event(Key k, Aggregate a) {
        String hint = a.hint == null || a.hint.equals(MIXED) ? null : a.hint;
        Actor actor = k.principalType() != null && k.principalId() != null
                ? new Actor(k.principalType(), k.principalId()) : Actor.anonymous();
        Target target;
        if (k.credentialId() != null) {
            target = new Target(k.kind() == CredentialKind.JWT ? "access_token" : "token", k.credentialId());
        } else {
            target = new Target("credential", hint != null ? hint : "unknown");
        }
        return new CredentialRefused(k.tenant(), actor, target, a.first, k.reason().code(), a.count, a.last,
                k.kind() == null ? null : k.kind().value(), k.credentialId(), hint, k.clientIp(),
                k.overflow() ? Boolean.TRUE : null);
    }

    private static CredentialKind kindOf(String credential) {
        if (credential == null) {
            return null;
        }
        if (credential.startsWith(OpaqueTokens.API_TOKEN)) {
            return CredentialKind.API_TOKEN;
        }
        return TokenVerifier.looksLikeJwt(credential) ? CredentialKind.JWT : null;
    }

    /** Only of a well-shaped token: a display hint of arbitrary bytes would be neither useful nor safe to show. */
    private static String hintOf(String credential) {
        return OpaqueTokens.hasShape(credential, OpaqueTokens.API_TOKEN) ? OpaqueTokens.hint(credential) : null;
    }

    /** Pending aggregates (for tests and metrics). */
    public int pending() {
        return aggregates.size();
    }
}
