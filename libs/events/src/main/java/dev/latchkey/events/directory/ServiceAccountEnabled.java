package dev.latchkey.events.directory;

import dev.latchkey.events.Actor;
import dev.latchkey.events.EventData;
import dev.latchkey.events.Target;

import java.time.Instant;

/** A disabled service account is active again. */
public record ServiceAccountEnabled(String tenant, Actor actor, Target target, Instant occurredAt, ServiceAccountInfo serviceAccount)
        implements EventData {
}
