package dev.latchkey.events.directory;

import dev.latchkey.events.Actor;
import dev.latchkey.events.EventData;
import dev.latchkey.events.Target;

import java.time.Instant;
import java.util.List;

/** A service account's name, description or managers changed; {@link #changes} names the fields. */
public record ServiceAccountUpdated(String tenant, Actor actor, Target target, Instant occurredAt, ServiceAccountInfo serviceAccount, List<String> changes)
        implements EventData {
}
