package dev.latchkey.events.oauth;

import dev.latchkey.events.Actor;
import dev.latchkey.events.EventData;
import dev.latchkey.events.Target;
import java.time.Instant;
import java.util.List;

/** {@code latchkey.oauth.application.updated.v1}: An OAuth application's settings changed. Never carries a secret. */
public record ApplicationUpdated(
        String tenant,
        Actor actor,
        Target target,
        Instant occurredAt,
        ApplicationState application,
        List<String> changes) implements EventData {
}
