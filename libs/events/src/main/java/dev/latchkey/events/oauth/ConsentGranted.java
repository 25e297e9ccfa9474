package dev.latchkey.events.oauth;

import dev.latchkey.events.Actor;
import dev.latchkey.events.EventData;
import dev.latchkey.events.Target;
import java.time.Instant;
import java.util.List;

/** {@code latchkey.oauth.consent.granted.v1}: A member consented to an OAuth application acting for them with these scopes. Never carries a secret. */
public record ConsentGranted(
        String tenant,
        Actor actor,
        Target target,
        Instant occurredAt,
        String memberId,
        String applicationId,
        String clientId,
        List<String> scopes) implements EventData {
}
