package dev.latchkey.verifier;

/** How the caller proved who it is. */
public enum CredentialKind {
    /** An opaque {@code lkt_} API token, verified by introspection; credential id = token id. */
    API_TOKEN("api_token"),
    /** An OAuth access token (RFC 9068 JWT), verified locally; credential id = {@code jti}. */
    JWT("jwt"),
    /**
     * A person's bearer token from the upstream OpenID Connect provider (quarkus-oidc), mapped to their member;
     * credential id = its {@code jti} (else {@code sid}, else {@code sub}).
     */
    OIDC("oidc");

    private final String value;

    CredentialKind(String value) {
        this.value = value;
    }

    public String value() {
        return value;
    }
}
