package dev.latchkey.directory.rest.model;

/** A tenant's limits; {@code null} = no limit. */
public record TenantLimitsModel(Integer oauthApplications) {
}
