package dev.latchkey.token.repository;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A stored API token (entity; never leaves the service layer). The value itself is never stored. */
public record Token(UUID id, String tenant, String name, String ownerType, String ownerId, List<String> scopes,
                    String visibility, List<String> allowedOrigins, String tokenHash, String hint,
                    Instant createdAt, String createdByType, String createdById, Instant updatedAt,
                    Instant expiresAt, Instant regeneratedAt, Instant revokedAt, String revokedReason,
                    Instant lastUsedAt, String lastUsedIp, long useCount) {

    public static final String OWNER_MEMBER = "member";
    public static final String OWNER_SERVICE_ACCOUNT = "service_account";
    public static final String ACTIVE = "active";
    public static final String REVOKED = "revoked";
    public static final String EXPIRED = "expired";

    public String status(Instant now) {
        if (revokedAt != null) {
            return REVOKED;
        }
        return isExpired(now) ? EXPIRED : ACTIVE;
    }

    public boolean isExpired(Instant now) {
        return expiresAt != null && !now.isBefore(expiresAt);
    }

    public boolean isRevoked() {
        return revokedAt != null;
    }

    public Token withMetadata(String newName, Instant newExpiresAt, List<String> newOrigins, Instant now) {
        return new Token(id, tenant, newName, ownerType, ownerId, scopes, visibility, newOrigins, tokenHash, hint,
                createdAt, createdByType, createdById, now, newExpiresAt, regeneratedAt, revokedAt, revokedReason,
                lastUsedAt, lastUsedIp, useCount);
    }

    public Token withSecret(String newHash, String newHint, Instant newExpiresAt, Instant now) {
        return new Token(id, tenant, name, ownerType, ownerId, scopes, visibility, allowedOrigins, newHash, newHint,
                createdAt, createdByType, createdById, now, newExpiresAt, now, revokedAt, revokedReason,
                lastUsedAt, lastUsedIp, useCount);
    }

    public Token revoked(String reason, Instant now) {
        return new Token(id, tenant, name, ownerType, ownerId, scopes, visibility, allowedOrigins, tokenHash, hint,
                createdAt, createdByType, createdById, now, expiresAt, regeneratedAt, now, reason,
                lastUsedAt, lastUsedIp, useCount);
    }

    public Token ownedBy(String newOwnerType, String newOwnerId, Instant now) {
        return new Token(id, tenant, name, newOwnerType, newOwnerId, scopes, visibility, allowedOrigins, tokenHash,
                hint, createdAt, createdByType, createdById, now, expiresAt, regeneratedAt, revokedAt, revokedReason,
                lastUsedAt, lastUsedIp, useCount);
    }
}
