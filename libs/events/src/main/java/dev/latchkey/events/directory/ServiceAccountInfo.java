package dev.latchkey.events.directory;

import java.util.List;

/**
 * A service account's current state as every service-account event carries it.
 *
 * @param managers member ids who get its notifications and may manage its tokens
 * @param status   {@code active}, {@code disabled} or {@code deleted}
 */
public record ServiceAccountInfo(String id, String name, String description, List<String> managers, String status) {
    public static final String ACTIVE = "active";
    public static final String DISABLED = "disabled";
    public static final String DELETED = "deleted";
}
