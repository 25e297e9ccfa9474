package dev.latchkey.events.directory;

import dev.latchkey.events.Actor;
import dev.latchkey.events.EventData;
import dev.latchkey.events.Target;

import java.time.Instant;

/** A tenant was suspended: every credential of it stops working (a {@code tenant:} revocation accompanies it). */
public record TenantSuspended(String tenant, Actor actor, Target target, Instant occurredAt, TenantInfo tenantInfo)
        implements EventData {
}
