package dev.latchkey.events.directory;

/**
 * A member's current state as every member event carries it.
 *
 * @param role   {@code global_admin} or {@code member}
 * @param status {@code active}, {@code disabled} or {@code deleted}
 */
public record MemberInfo(String id, String userName, String email, String displayName, String role, String status) {
    public static final String GLOBAL_ADMIN = "global_admin";
    public static final String MEMBER = "member";
    public static final String ACTIVE = "active";
    public static final String DISABLED = "disabled";
    public static final String DELETED = "deleted";
}
