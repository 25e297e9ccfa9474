package dev.latchkey.events.directory;

import dev.latchkey.events.Actor;
import dev.latchkey.events.EventData;
import dev.latchkey.events.Target;

import java.time.Instant;

/** A new tenant (service ID) was created by the platform operator. */
public record TenantCreated(String tenant, Actor actor, Target target, Instant occurredAt, TenantInfo tenantInfo)
        implements EventData {
}
