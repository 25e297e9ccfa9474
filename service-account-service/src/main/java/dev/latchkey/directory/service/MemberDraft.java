package dev.latchkey.directory.service;

/**
 * A member's attributes as a provisioning request gives them (SCIM or the admin API); {@code role} and
 * {@code active} may be {@code null} = default ({@code member}, active) or unchanged.
 */
public record MemberDraft(String userName, String email, String displayName, String givenName, String familyName,
                          String externalId, String role, Boolean active) {
}
