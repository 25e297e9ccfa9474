package dev.latchkey.token.rest.model;

/** {@code POST /api/v1/tokens/{id}/reassign}: the service account that owns the token from now on. */
public record ReassignTokenRequest(String serviceAccountId) {
}
