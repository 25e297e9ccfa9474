package dev.latchkey.events.directory;

/** A tenant's limits set by the platform operator; {@code null} = no limit. */
public record TenantLimits(Integer oauthApplications) {
}
