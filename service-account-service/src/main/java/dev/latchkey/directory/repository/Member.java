package dev.latchkey.directory.repository;

import java.time.Instant;

/** A member (person) as this service stores it; {@code version} counts changes (SCIM {@code meta.version}). */
public record Member(String tenant, String id, String userName, String email, String displayName, String givenName,
                     String familyName, String externalId, String role, String status, int version,
                     Instant createdAt, Instant updatedAt) {
    public static final String ROLE_GLOBAL_ADMIN = "global_admin";
    public static final String ROLE_MEMBER = "member";
    public static final String ACTIVE = "active";
    public static final String DISABLED = "disabled";
    public static final String DELETED = "deleted";

    public boolean isActive() {
        return ACTIVE.equals(status);
    }

    public Member withStatus(String s) {
        return new Member(tenant, id, userName, email, displayName, givenName, familyName, externalId, role, s,
                version, createdAt, updatedAt);
    }

    public Member withRole(String r) {
        return new Member(tenant, id, userName, email, displayName, givenName, familyName, externalId, r, status,
                version, createdAt, updatedAt);
    }

    public Member withProfile(String newUserName, String newEmail, String newDisplayName, String newGivenName,
                              String newFamilyName, String newExternalId) {
        return new Member(tenant, id, newUserName, newEmail, newDisplayName, newGivenName, newFamilyName,
                newExternalId, role, status, version, createdAt, updatedAt);
    }

    public Member touched(Instant now) {
        return new Member(tenant, id, userName, email, displayName, givenName, familyName, externalId, role, status,
                version + 1, createdAt, now);
    }

    /** What other services show: the display name, else given and family name, else the user name. */
    public String shownName() {
        if (displayName != null && !displayName.isBlank()) {
            return displayName;
        }
        String full = ((givenName == null ? "" : givenName) + " " + (familyName == null ? "" : familyName)).trim();
        return full.isEmpty() ? null : full;
    }
}
