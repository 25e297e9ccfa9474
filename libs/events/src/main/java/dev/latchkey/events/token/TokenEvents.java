package dev.latchkey.events.token;

import dev.latchkey.events.EventType;

import java.util.List;

/** Contracts published on {@code dev.latchkey.events.Topics#TOKEN_EVENTS} by token-service: API tokens. */
public final class TokenEvents {
    public static final List<EventType<?>> ALL = List.of();

    private TokenEvents() {
    }
}
