package dev.latchkey.events.directory;

import dev.latchkey.events.Actor;
import dev.latchkey.events.EventData;
import dev.latchkey.events.Target;

import java.time.Instant;

/** A service account was disabled: its tokens stop working until it is enabled again. */
public record ServiceAccountDisabled(String tenant, Actor actor, Target target, Instant occurredAt, ServiceAccountInfo serviceAccount)
        implements EventData {
}
