package dev.latchkey.directory.repository;

import java.time.Instant;
import java.util.List;

/** A service account as this service stores it, with its managers (member ids, in the order given). */
public record ServiceAccount(String tenant, String id, String name, String description, List<String> managers,
                            String status, Instant createdAt, Instant updatedAt) {
    public static final String ACTIVE = "active";
    public static final String DISABLED = "disabled";
    public static final String DELETED = "deleted";

    public ServiceAccount withStatus(String s, Instant now) {
        return new ServiceAccount(tenant, id, name, description, managers, s, createdAt, now);
    }

    public ServiceAccount with(String newName, String newDescription, List<String> newManagers, Instant now) {
        return new ServiceAccount(tenant, id, newName, newDescription, newManagers, status, createdAt, now);
    }
}
