package dev.latchkey.events.token;

import java.time.Instant;
import java.util.List;

/**
 * An API token's current state as every token event carries it (never its value or hash).
 *
 * @param ownerType {@code member} or {@code service_account}
 * @param visibility {@code private} or {@code public}
 * @param expiresAt {@code null} = never expires
 * @param status    {@code active}, {@code revoked} or {@code expired}
 */
public record TokenInfo(String id, String name, String ownerType, String ownerId, List<String> scopes,
                        String visibility, List<String> allowedOrigins, Instant expiresAt, String status) {
    public static final String ACTIVE = "active";
    public static final String REVOKED = "revoked";
    public static final String EXPIRED = "expired";
}
