package dev.latchkey.events.credential;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * What a revocation record applies to; its Kafka key is {@code <scope>:<value>} (DESIGN.md §6), so the
 * compacted topic keeps the latest record per token, JWT, subject, client and tenant.
 */
public enum RevocationScope {
    /** An opaque API token, by token id: revoked, regenerated or reassigned. */
    TOKEN("token"),
    /** One JWT access token, by {@code jti}. */
    JTI("jti"),
    /** Every credential of one principal in a tenant; value {@code <tenant>:<principalId>}. */
    SUBJECT("subject"),
    /** Every token issued to one OAuth client; value {@code <tenant>:<clientId>}. */
    CLIENT("client"),
    /** Every credential of a tenant. */
    TENANT("tenant");

    private final String prefix;

    RevocationScope(String prefix) {
        this.prefix = prefix;
    }

    @JsonValue
    public String prefix() {
        return prefix;
    }

    public String key(String value) {
        return prefix + ":" + value;
    }

    @JsonCreator
    public static RevocationScope fromPrefix(String prefix) {
        for (RevocationScope s : values()) {
            if (s.prefix.equals(prefix)) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown revocation scope: " + prefix);
    }
}
