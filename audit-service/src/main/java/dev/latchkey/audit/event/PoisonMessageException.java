package dev.latchkey.audit.event;

/**
 * A record the audit trail cannot take. {@code reason} is a short stable code (a metric tag), {@code detail}
 * the human-readable explanation that travels in the dead-letter header.
 */
public class PoisonMessageException extends RuntimeException {
    public static final String NOT_A_CLOUDEVENT = "not_a_cloudevent";
    public static final String INVALID_JSON = "invalid_json";
    public static final String NO_TENANT = "no_tenant";
    public static final String INVALID_FIELD = "invalid_field";

    private final String reason;

    public PoisonMessageException(String reason, String detail) {
        super(detail, null, false, false);
        this.reason = reason;
    }

    public String reason() {
        return reason;
    }
}
