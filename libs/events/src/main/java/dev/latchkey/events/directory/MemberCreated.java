package dev.latchkey.events.directory;

import dev.latchkey.events.Actor;
import dev.latchkey.events.EventData;
import dev.latchkey.events.Target;

import java.time.Instant;

/** A member (person) was provisioned, by SCIM, by an admin or at bootstrap. */
public record MemberCreated(String tenant, Actor actor, Target target, Instant occurredAt, MemberInfo member)
        implements EventData {
}
