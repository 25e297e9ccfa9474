package dev.latchkey.events.directory;

/**
 * A tenant's current state as every tenant event carries it.
 *
 * @param serviceId {@code SP-<account>-<instance>}
 * @param status    {@code active} or {@code suspended}
 */
public record TenantInfo(String serviceId, String name, String status, TenantLimits limits) {
    public static final String ACTIVE = "active";
    public static final String SUSPENDED = "suspended";
}
