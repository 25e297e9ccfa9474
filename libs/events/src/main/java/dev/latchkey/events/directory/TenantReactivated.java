package dev.latchkey.events.directory;

import dev.latchkey.events.Actor;
import dev.latchkey.events.EventData;
import dev.latchkey.events.Target;

import java.time.Instant;

/** A suspended tenant is active again; credentials issued before the suspension stay revoked. */
public record TenantReactivated(String tenant, Actor actor, Target target, Instant occurredAt, TenantInfo tenantInfo)
        implements EventData {
}
