package dev.latchkey.directory.repository;

import java.time.Instant;

/** A tenant (service ID) as this service stores it. */
public record Tenant(String serviceId, String name, String status, Integer oauthApplicationsLimit, Instant createdAt,
                     Instant updatedAt) {
    public static final String ACTIVE = "active";
    public static final String SUSPENDED = "suspended";

    public Tenant withStatus(String newStatus, Instant now) {
        return new Tenant(serviceId, name, newStatus, oauthApplicationsLimit, createdAt, now);
    }

    public Tenant with(String newName, Integer newLimit, Instant now) {
        return new Tenant(serviceId, newName, status, newLimit, createdAt, now);
    }
}
