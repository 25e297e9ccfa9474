package dev.latchkey.token.service;

import dev.latchkey.verifier.IntrospectionResult;
import io.vertx.core.json.Json;

import java.time.Instant;

/**
 * A token's introspection answer, made once per state cache load: effective scopes and the JSON body are
 * computed then, so a use costs an expiry check and a copy of bytes (no per-request mapping or serialisation).
 */
public final class IntrospectionAnswer {
    static final IntrospectionAnswer INACTIVE = new IntrospectionAnswer(null, null);
    private static final byte[] INACTIVE_JSON = Json.encode(IntrospectionResult.inactive().toJsonMap())
            .getBytes(java.nio.charset.StandardCharsets.UTF_8);

    private final String tokenId;
    /** {@code null} = inactive whatever the time (unknown, revoked, owner not active). */
    private final IntrospectionResult active;
    private final byte[] json;

    private IntrospectionAnswer(String tokenId, IntrospectionResult active) {
        this.tokenId = tokenId;
        this.active = active;
        this.json = active == null ? INACTIVE_JSON
                : Json.encode(active.toJsonMap()).getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    static IntrospectionAnswer inactive(String tokenId) {
        return tokenId == null ? INACTIVE : new IntrospectionAnswer(tokenId, null);
    }

    static IntrospectionAnswer active(IntrospectionResult result) {
        return new IntrospectionAnswer(result.tokenId(), result);
    }

    /** The token's id, {@code null} when no token has the hash. */
    public String tokenId() {
        return tokenId;
    }

    /** The answer at {@code now}: inactive once expired. */
    public IntrospectionResult at(Instant now) {
        return isActive(now) ? active : IntrospectionResult.inactive();
    }

    /** The JSON body at {@code now} ({@code {"active":false}} once expired); shared, do not modify. */
    public byte[] json(Instant now) {
        return isActive(now) ? json : INACTIVE_JSON;
    }

    public static byte[] inactiveJson() {
        return INACTIVE_JSON;
    }

    private boolean isActive(Instant now) {
        return active != null && (active.exp() == null || now.isBefore(active.exp()));
    }
}
