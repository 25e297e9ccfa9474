package dev.latchkey.events;

import dev.latchkey.events.authentication.AuthenticationEvents;
import dev.latchkey.events.credential.CredentialEvents;
import dev.latchkey.events.directory.DirectoryEvents;
import dev.latchkey.events.oauth.OAuthEvents;
import dev.latchkey.events.token.TokenEvents;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Every event contract of Latchkey, by context. Each context lists its own types in its own class. */
public final class EventTypes {
    public static final List<EventType<?>> ALL = Stream.of(
                    CredentialEvents.ALL, TokenEvents.ALL, OAuthEvents.ALL, DirectoryEvents.ALL, AuthenticationEvents.ALL)
            .flatMap(List::stream)
            .toList();

    private static final Map<String, EventType<?>> BY_TYPE = ALL.stream()
            .collect(Collectors.toUnmodifiableMap(EventType::type, Function.identity()));

    public static Optional<EventType<?>> byType(String type) {
        return Optional.ofNullable(BY_TYPE.get(type));
    }

    private EventTypes() {
    }
}
