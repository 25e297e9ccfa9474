package dev.latchkey.events.directory;

import dev.latchkey.events.Actor;
import dev.latchkey.events.EventData;
import dev.latchkey.events.Target;

import java.time.Instant;

/** A service account was created. */
public record ServiceAccountCreated(String tenant, Actor actor, Target target, Instant occurredAt, ServiceAccountInfo serviceAccount)
        implements EventData {
}
