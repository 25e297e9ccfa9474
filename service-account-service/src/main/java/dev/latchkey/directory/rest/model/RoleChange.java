package dev.latchkey.directory.rest.model;

/** The member's new role: {@code global_admin} or {@code member}. */
public record RoleChange(String role) {
}
