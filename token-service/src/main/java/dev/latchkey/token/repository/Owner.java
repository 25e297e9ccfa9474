package dev.latchkey.token.repository;

import java.util.List;

/**
 * A token owner as the directory projection knows it: a member ({@code role} global_admin / member) or a
 * service account ({@code role} null, {@code managers} its managing members).
 */
public record Owner(String tenant, String type, String id, String role, String status, String name,
                    String email, List<String> managers) {
    public static final String STATUS_ACTIVE = "active";

    public boolean isActive() {
        return STATUS_ACTIVE.equals(status);
    }
}
