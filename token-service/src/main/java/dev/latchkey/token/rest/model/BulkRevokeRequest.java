package dev.latchkey.token.rest.model;

import java.time.Instant;
import java.util.List;

/** {@code POST /api/v1/admin/tokens/revoke}: by {@code ids}, or by {@code filter} (exactly one of them). */
public record BulkRevokeRequest(List<String> ids, Filter filter) {
    /** Same criteria as the inventory's query parameters. */
    public record Filter(String ownerType, String ownerId, String status, String name, Instant expiringBefore,
                         Instant lastUsedBefore, Instant unusedSince) {
    }
}
