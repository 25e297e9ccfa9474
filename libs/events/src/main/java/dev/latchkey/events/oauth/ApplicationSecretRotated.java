package dev.latchkey.events.oauth;

import dev.latchkey.events.Actor;
import dev.latchkey.events.EventData;
import dev.latchkey.events.Target;
import java.time.Instant;

/** {@code latchkey.oauth.application.secret_rotated.v1}: An OAuth application's client secret was replaced (the secret itself is never in an event). Never carries a secret. */
public record ApplicationSecretRotated(
        String tenant,
        Actor actor,
        Target target,
        Instant occurredAt,
        ApplicationState application,
        Instant previousSecretValidUntil) implements EventData {
}
