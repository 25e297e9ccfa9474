package dev.latchkey.events.credential;

import dev.latchkey.events.Actor;
import dev.latchkey.events.EventData;
import dev.latchkey.events.Target;

import java.time.Instant;

/**
 * A verifier's aggregate of successful uses of one opaque token since its previous report, published about
 * once a second on {@code latchkey.credential.usage}. The CloudEvents id makes applying it idempotent.
 */
public record CredentialUsageReported(String tenant, Actor actor, Target target, Instant occurredAt,
                                      String tokenId, long count, Instant lastUsedAt, String lastClientIp)
        implements EventData {
}
