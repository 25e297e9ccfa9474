package dev.latchkey.verifier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The RFC 7662 answer of {@code POST /api/v1/tokens/introspect} (the contract between token-service and every
 * verifier). Inactive is exactly {@code {"active":false}}: why a token is inactive (unknown, expired, revoked,
 * regenerated, owner disabled) is token-service's to log, never the verifier's to learn.
 *
 * @param scope          EFFECTIVE scopes (token scopes ∩ owner's role now), already computed by token-service
 * @param exp            expiry, {@code null} = never expires
 * @param visibility     {@code private} or {@code public}
 * @param allowedOrigins for public tokens: exact origins ({@code scheme://host[:port]}) the token may be used from
 */
public record IntrospectionResult(boolean active, String tokenId, String sub, String ownerType, String tenant,
                                  Set<String> scope, Instant exp, Instant iat, String visibility,
                                  List<String> allowedOrigins) {

    public static final String PRIVATE = "private";
    public static final String PUBLIC = "public";

    private static final IntrospectionResult INACTIVE =
            new IntrospectionResult(false, null, null, null, null, Set.of(), null, null, null, List.of());

    public IntrospectionResult {
        scope = scope == null ? Set.of() : Set.copyOf(scope);
        allowedOrigins = allowedOrigins == null ? List.of() : List.copyOf(allowedOrigins);
    }

    public static IntrospectionResult inactive() {
        return INACTIVE;
    }

    public static IntrospectionResult active(String tokenId, String sub, String ownerType, String tenant,
                                             Set<String> scope, Instant exp, Instant iat, String visibility,
                                             List<String> allowedOrigins) {
        return new IntrospectionResult(true, tokenId, sub, ownerType, tenant, scope, exp, iat, visibility,
                allowedOrigins);
    }

    public boolean isPublic() {
        return PUBLIC.equals(visibility);
    }

    /**
     * The response body in contract order, for token-service to return as JSON (a plain map: no reflection,
     * native-ready). Inactive → exactly {@code {"active":false}}.
     */
    public Map<String, Object> toJsonMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("active", active);
        if (!active) {
            return m;
        }
        m.put("token_id", tokenId);
        m.put("sub", sub);
        m.put("owner_type", ownerType);
        m.put("tenant", tenant);
        m.put("scope", String.join(" ", scope));
        if (exp != null) {
            m.put("exp", exp.getEpochSecond());
        }
        if (iat != null) {
            m.put("iat", iat.getEpochSecond());
        }
        m.put("visibility", visibility == null ? PRIVATE : visibility);
        m.put("allowed_origins", allowedOrigins);
        return m;
    }

    public ObjectNode toJson() {
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        n.put("active", active);
        if (!active) {
            return n;
        }
        n.put("token_id", tokenId);
        n.put("sub", sub);
        n.put("owner_type", ownerType);
        n.put("tenant", tenant);
        n.put("scope", String.join(" ", scope));
        if (exp != null) {
            n.put("exp", exp.getEpochSecond());
        }
        if (iat != null) {
            n.put("iat", iat.getEpochSecond());
        }
        n.put("visibility", visibility == null ? PRIVATE : visibility);
        ArrayNode origins = n.putArray("allowed_origins");
        allowedOrigins.forEach(origins::add);
        return n;
    }

    /**
     * Reads the response body. An active answer without the fields a principal needs is treated as inactive
     * (fail closed) rather than as an error.
     */
    public static IntrospectionResult fromJson(JsonNode n) {
        if (n == null || !n.path("active").asBoolean(false)) {
            return INACTIVE;
        }
        String tokenId = text(n, "token_id");
        String sub = text(n, "sub");
        String ownerType = text(n, "owner_type");
        String tenant = text(n, "tenant");
        if (tokenId == null || sub == null || ownerType == null || tenant == null) {
            return INACTIVE;
        }
        List<String> origins = new ArrayList<>();
        n.path("allowed_origins").forEach(o -> origins.add(o.asText()));
        return active(tokenId, sub, ownerType, tenant, Scopes.parseList(text(n, "scope")),
                n.hasNonNull("exp") ? Instant.ofEpochSecond(n.get("exp").asLong()) : null,
                n.hasNonNull("iat") ? Instant.ofEpochSecond(n.get("iat").asLong()) : null,
                n.hasNonNull("visibility") ? n.get("visibility").asText() : PRIVATE, origins);
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    @Override
    public String toString() {
        // no secrets in here, but keep log lines short and stable
        return active ? "IntrospectionResult[active, token_id=" + tokenId + ", tenant=" + tenant + "]"
                : "IntrospectionResult[inactive]";
    }
}
