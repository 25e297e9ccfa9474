package dev.latchkey.events;

import java.util.Objects;

/**
 * Who made a change: {@code member}, {@code service_account}, {@code oauth_client}, {@code system} or
 * {@code platform_operator}, with its id in that kind's namespace.
 */
public record Actor(String type, String id) {
    public static final String MEMBER = "member";
    public static final String SERVICE_ACCOUNT = "service_account";
    public static final String OAUTH_CLIENT = "oauth_client";
    public static final String SYSTEM = "system";

    public Actor {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(id, "id");
    }

    public static Actor system(String component) {
        return new Actor(SYSTEM, component);
    }
}
