package dev.latchkey.events.oauth;

import dev.latchkey.events.Actor;
import dev.latchkey.events.EventData;
import dev.latchkey.events.Target;
import java.time.Instant;

/** {@code latchkey.oauth.consent.revoked.v1}: A member's consent to an OAuth application ended; its tokens for them are revoked. Never carries a secret. */
public record ConsentRevoked(
        String tenant,
        Actor actor,
        Target target,
        Instant occurredAt,
        String memberId,
        String applicationId,
        String clientId,
        String reason) implements EventData {
}
