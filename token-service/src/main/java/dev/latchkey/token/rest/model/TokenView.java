package dev.latchkey.token.rest.model;

import java.time.Instant;
import java.util.List;

/**
 * A token's metadata as every read answers it: never its value. {@code status} is {@code active},
 * {@code expired} or {@code revoked}; {@code ownerActive} false = it does not work while its owner is disabled.
 */
public record TokenView(String id, String name, OwnerRef owner, List<String> scopes, String visibility,
                        List<String> allowedOrigins, String hint, Instant createdAt, OwnerRef createdBy,
                        Instant expiresAt, Instant lastUsedAt, String lastUsedIp, long useCount, String status,
                        Boolean ownerActive, Instant revokedAt) {
}
