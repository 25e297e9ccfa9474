package dev.latchkey.events.oauth;

import dev.latchkey.events.EventType;

import java.util.List;

/** Contracts published on {@code dev.latchkey.events.Topics#OAUTH_EVENTS} by oauth-service: OAuth applications, certificates, consents. */
public final class OAuthEvents {
    public static final List<EventType<?>> ALL = List.of();

    private OAuthEvents() {
    }
}
