package dev.latchkey.events.token;

import dev.latchkey.events.Actor;
import dev.latchkey.events.EventData;
import dev.latchkey.events.Target;

import java.time.Instant;

/** A token now belongs to another owner (always a service account); its value keeps working. */
public record TokenReassigned(String tenant, Actor actor, Target target, Instant occurredAt, TokenInfo token,
                              TokenOwner previousOwner) implements EventData {
}
