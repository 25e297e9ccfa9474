package dev.latchkey.token.repository;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Criteria of a token list; {@code null} = no constraint. */
public record TokenFilter(String ownerType, String ownerId, String status, String nameContains,
                          Instant expiringBefore, Instant lastUsedBefore, Instant unusedSince, List<UUID> ids) {

    public static TokenFilter owner(String ownerType, String ownerId) {
        return new TokenFilter(ownerType, ownerId, null, null, null, null, null, null);
    }

    public TokenFilter withOwner(String type, String id) {
        return new TokenFilter(type, id, status, nameContains, expiringBefore, lastUsedBefore, unusedSince, ids);
    }
}
