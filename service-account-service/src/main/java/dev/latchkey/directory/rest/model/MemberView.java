package dev.latchkey.directory.rest.model;

import java.time.Instant;

/** A member as the admin API shows it. */
public record MemberView(String id, String userName, String email, String displayName, String givenName,
                         String familyName, String externalId, String role, String status, Instant createdAt,
                         Instant updatedAt) {
}
