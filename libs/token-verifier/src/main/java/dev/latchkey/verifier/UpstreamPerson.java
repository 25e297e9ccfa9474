package dev.latchkey.verifier;

import java.util.Map;
import java.util.Objects;

/**
 * A person as a verified upstream token (quarkus-oidc) describes them, before any Latchkey look-up.
 *
 * @param issuer   the token's {@code iss}
 * @param subject  the token's {@code sub} (may be {@code null}: some providers leave it out of access tokens)
 * @param tenant   the Latchkey tenant named by the tenant claim (e.g. {@code latchkey_tenant})
 * @param userName the member's {@code userName} named by the user-name claim (e.g. {@code email})
 * @param claims   every claim of the token, for implementations that map more (the just-in-time role)
 */
public record UpstreamPerson(String issuer, String subject, String tenant, String userName, Map<String, Object> claims) {

    public UpstreamPerson {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(userName, "userName");
        claims = claims == null ? Map.of() : Map.copyOf(claims);
    }

    /** A claim as text ({@code null} when absent or not a string / number / boolean). */
    public String claim(String name) {
        Object v = claims.get(name);
        return v instanceof String || v instanceof Number || v instanceof Boolean ? v.toString() : null;
    }
}
