package dev.latchkey.events.oauth;

import dev.latchkey.events.Actor;
import dev.latchkey.events.EventData;
import dev.latchkey.events.Target;
import java.time.Instant;

/** {@code latchkey.oauth.application.deleted.v1}: An OAuth application was deleted; its tokens and certificate are revoked. Never carries a secret. */
public record ApplicationDeleted(
        String tenant,
        Actor actor,
        Target target,
        Instant occurredAt,
        ApplicationState application) implements EventData {
}
