package dev.latchkey.events;

import java.util.List;

/** The Kafka topics of DESIGN.md §7: the only place their names are spelled. */
public final class Topics {
    public static final String TOKEN_EVENTS = "latchkey.token.events";
    public static final String OAUTH_EVENTS = "latchkey.oauth.events";
    public static final String DIRECTORY_EVENTS = "latchkey.directory.events";
    /** Compacted: keyed by {@code token:<id>}, {@code jti:<jti>}, {@code subject:<tenant>:<principal>}, … */
    public static final String CREDENTIAL_REVOCATIONS = "latchkey.credential.revocations";
    public static final String CREDENTIAL_USAGE = "latchkey.credential.usage";
    /**
     * Failed authentications reported by the verifiers, aggregated per interval. Not in DESIGN.md §7's list: see
     * libs/events README ("Departures").
     */
    public static final String AUTHENTICATION_EVENTS = "latchkey.authentication.events";
    /** Poison messages the audit trail could not take, with the reason in a header. */
    public static final String AUDIT_DEAD_LETTER = "latchkey.audit.dead-letter";

    public static final List<String> ALL = List.of(
            TOKEN_EVENTS, OAUTH_EVENTS, DIRECTORY_EVENTS, AUTHENTICATION_EVENTS, CREDENTIAL_REVOCATIONS,
            CREDENTIAL_USAGE, AUDIT_DEAD_LETTER);

    /** The topics whose records are domain events (what the audit trail consumes). */
    public static final List<String> DOMAIN_EVENTS = List.of(TOKEN_EVENTS, OAUTH_EVENTS, DIRECTORY_EVENTS,
            AUTHENTICATION_EVENTS);

    public static boolean isCompacted(String topic) {
        return CREDENTIAL_REVOCATIONS.equals(topic);
    }

    private Topics() {
    }
}
