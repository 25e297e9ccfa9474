package dev.latchkey.verifier;

import dev.latchkey.events.Actor;
import dev.latchkey.events.EventEnvelope;
import dev.latchkey.events.Target;
import dev.latchkey.events.credential.CredentialEvents;
import dev.latchkey.events.credential.CredentialUsageReported;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts successful uses per opaque token between two reports. {@code compute}/{@code remove} on the same map
 * make an increment and a drain of the same token atomic, so no use is lost or counted twice.
 */
public final class UsageRecorder {
    private static final class Usage {
        final String tenant;
        final String ownerType;
        final String ownerId;
        long count;
        Instant lastUsedAt;
        String lastClientIp;

        Usage(String tenant, String ownerType, String ownerId) {
            this.tenant = tenant;
            this.ownerType = ownerType;
            this.ownerId = ownerId;
        }
    }

    private final ConcurrentHashMap<String, Usage> usages = new ConcurrentHashMap<>();
    private final Clock clock;

    public UsageRecorder(Clock clock) {
        this.clock = clock;
    }

    public void record(LatchkeyPrincipal principal, String clientIp) {
        if (principal.credentialKind() != CredentialKind.API_TOKEN) {
            return;
        }
        Instant now = clock.instant();
        usages.compute(principal.credentialId(), (id, u) -> {
            if (u == null) {
                u = new Usage(principal.tenant(), principal.principalType(), principal.principalId());
            }
            u.count++;
            u.lastUsedAt = now;
            if (clientIp != null) {
                u.lastClientIp = clientIp;
            }
            return u;
        });
    }

    /** {@link #drain()} as events of {@code source}, keyed by token id (for {@link ReportPublisher}). */
    public List<EventEnvelope> drainEvents(String source) {
        return drain().stream()
                .map(u -> EventEnvelope.of(source, CredentialEvents.USAGE_REPORTED, u).withKey(u.tokenId())).toList();
    }

    /** The aggregates since the previous drain; the counters start again from zero. */
    public List<CredentialUsageReported> drain() {
        List<CredentialUsageReported> out = new ArrayList<>();
        Instant now = clock.instant();
        for (String tokenId : usages.keySet()) {
            Usage u = usages.remove(tokenId);
            if (u != null) {
                out.add(new CredentialUsageReported(u.tenant, new Actor(u.ownerType, u.ownerId),
                        new Target("token", tokenId), now, tokenId, u.count, u.lastUsedAt, u.lastClientIp));
            }
        }
        return out;
    }
}
