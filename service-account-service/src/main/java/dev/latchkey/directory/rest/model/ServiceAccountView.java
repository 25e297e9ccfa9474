package dev.latchkey.directory.rest.model;

import java.time.Instant;
import java.util.List;

/**
 * A service account as the "Service Accounts" tab shows it. {@code tokenCount} counts its live tokens;
 * {@code lastUsedAt} is the latest use of any of its tokens ({@code null} = never used).
 */
public record ServiceAccountView(String id, String name, String description, List<String> managers, String status,
                                 long tokenCount, Instant lastUsedAt, Instant createdAt, Instant updatedAt) {
}
