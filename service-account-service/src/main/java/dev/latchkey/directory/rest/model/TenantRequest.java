package dev.latchkey.directory.rest.model;

/** Create a tenant: its service ID {@code SP-<account>-<instance>}, a name (defaults to the ID) and limits. */
public record TenantRequest(String serviceId, String name, TenantLimitsModel limits) {
}
