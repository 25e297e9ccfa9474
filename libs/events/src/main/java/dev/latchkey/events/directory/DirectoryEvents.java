package dev.latchkey.events.directory;

import dev.latchkey.events.EventType;

import java.util.List;

/** Contracts published on {@code dev.latchkey.events.Topics#DIRECTORY_EVENTS} by service-account-service: tenants, members, service accounts. */
public final class DirectoryEvents {
    public static final List<EventType<?>> ALL = List.of();

    private DirectoryEvents() {
    }
}
