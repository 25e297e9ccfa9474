package dev.latchkey.events;

/**
 * CloudEvents 1.0 Kafka protocol binding, binary content mode: attributes travel as {@code ce_*} headers,
 * the record value is the event data ({@code application/json}).
 */
public final class CloudEventHeaders {
    public static final String SPEC_VERSION = "ce_specversion";
    public static final String ID = "ce_id";
    public static final String SOURCE = "ce_source";
    public static final String TYPE = "ce_type";
    public static final String SUBJECT = "ce_subject";
    public static final String TIME = "ce_time";
    /** Extension attribute: the tenant (service ID) the event belongs to. */
    public static final String TENANT = "ce_tenant";
    /**
     * Extension attribute, only on events produced during an HTTP request: the client's address as the service
     * resolved it (a trusted proxy's {@code X-Forwarded-For} honoured, see libs/outbox).
     */
    public static final String CLIENT_IP = "ce_clientip";
    /** Extension attribute, only on events produced during an HTTP request: its {@code User-Agent}. */
    public static final String USER_AGENT = "ce_useragent";
    public static final String CONTENT_TYPE = "content-type";

    public static final String SPEC_VERSION_1_0 = "1.0";
    public static final String JSON = "application/json";

    private CloudEventHeaders() {
    }
}
