package dev.latchkey.events;

import java.util.Objects;

/**
 * Who made a change: {@code member}, {@code service_account}, {@code oauth_client}, {@code system} or
 * {@code platform_operator}, with its id in that kind's namespace; {@code anonymous} for a failed
 * authentication whose credential belongs to no known principal.
 */
public record Actor(String type, String id) {
    public static final String MEMBER = "member";
    public static final String SERVICE_ACCOUNT = "service_account";
    public static final String OAUTH_CLIENT = "oauth_client";
    public static final String SYSTEM = "system";
    public static final String ANONYMOUS = "anonymous";

    public Actor {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(id, "id");
    }

    /** The caller of a failed authentication whose credential belongs to no known principal. */
    public static Actor anonymous() {
        return new Actor(ANONYMOUS, ANONYMOUS);
    }

    public static Actor system(String component) {
        return new Actor(SYSTEM, component);
    }
}
