package dev.latchkey.events.token;

import dev.latchkey.events.Actor;
import dev.latchkey.events.EventData;
import dev.latchkey.events.Target;

import java.time.Instant;
import java.util.List;

/** Metadata of a token changed; {@link #changes} names the fields ({@code name}, {@code expiresAt}, {@code allowedOrigins}). */
public record TokenUpdated(String tenant, Actor actor, Target target, Instant occurredAt, TokenInfo token,
                           List<String> changes) implements EventData {
}
