package dev.latchkey.directory.rest.model;

/** Fields to change; absent = unchanged. {@code limits} replaces the limits ({@code oauthApplications: null} = none). */
public record TenantUpdate(String name, TenantLimitsModel limits) {
}
