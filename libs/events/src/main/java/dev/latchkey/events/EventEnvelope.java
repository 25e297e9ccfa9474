package dev.latchkey.events;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeader;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * A CloudEvent as it travels on Kafka in binary content mode: the attributes (as {@code ce_*} headers), the
 * record key (the aggregate's id, which keeps one aggregate's events in order) and the JSON data (the value).
 *
 * @param clientIp  extension {@code ce_clientip}: the address of the HTTP client whose request produced the
 *                  event (as the service resolved it, trusted proxies' {@code X-Forwarded-For} included), or
 *                  {@code null} when the event did not come from an HTTP request (a scheduled job, a consumer)
 * @param userAgent extension {@code ce_useragent}: that request's {@code User-Agent}, or {@code null}
 */
public record EventEnvelope(String id, String source, String type, String subject, Instant time, String tenant,
                            String topic, String key, String data, String clientIp, String userAgent) {
    /** Longest {@code ce_useragent} kept: enough for every real browser and client, bounded for headers. */
    public static final int MAX_USER_AGENT = 512;

    public EventEnvelope {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(data, "data");
        if (userAgent != null && userAgent.length() > MAX_USER_AGENT) {
            userAgent = userAgent.substring(0, MAX_USER_AGENT);
        }
    }

    /** An event that did not come through HTTP (no {@code ce_clientip}/{@code ce_useragent}). */
    public EventEnvelope(String id, String source, String type, String subject, Instant time, String tenant,
                         String topic, String key, String data) {
        this(id, source, type, subject, time, tenant, topic, key, data, null, null);
    }

    /** A new event of a registered type; the subject and key default to the target's id. */
    public static <T extends EventData> EventEnvelope of(String source, EventType<T> type, T data) {
        return new EventEnvelope(UUID.randomUUID().toString(), source, type.type(), data.target().id(),
                data.occurredAt(), data.tenant(), type.topic(), data.target().id(), EventJson.write(data));
    }

    /** Same event, another record key (e.g. the compacted revocation topic's {@code token:<id>}). */
    public EventEnvelope withKey(String newKey) {
        return new EventEnvelope(id, source, type, subject, time, tenant, topic, newKey, data, clientIp, userAgent);
    }

    /** Same event, produced during the HTTP request of {@code clientIp} / {@code userAgent} (either may be null). */
    public EventEnvelope withOrigin(String newClientIp, String newUserAgent) {
        return new EventEnvelope(id, source, type, subject, time, tenant, topic, key, data, newClientIp, newUserAgent);
    }

    public List<Header> headers() {
        List<Header> headers = new ArrayList<>(10);
        headers.add(header(CloudEventHeaders.SPEC_VERSION, CloudEventHeaders.SPEC_VERSION_1_0));
        headers.add(header(CloudEventHeaders.ID, id));
        headers.add(header(CloudEventHeaders.SOURCE, source));
        headers.add(header(CloudEventHeaders.TYPE, type));
        headers.add(header(CloudEventHeaders.TIME, time.toString()));
        headers.add(header(CloudEventHeaders.CONTENT_TYPE, CloudEventHeaders.JSON));
        if (subject != null) {
            headers.add(header(CloudEventHeaders.SUBJECT, subject));
        }
        if (tenant != null) {
            headers.add(header(CloudEventHeaders.TENANT, tenant));
        }
        if (clientIp != null) {
            headers.add(header(CloudEventHeaders.CLIENT_IP, clientIp));
        }
        if (userAgent != null) {
            headers.add(header(CloudEventHeaders.USER_AGENT, userAgent));
        }
        return headers;
    }

    /**
     * Reads an event from a consumed record. Throws {@link IllegalArgumentException} naming the missing
     * attribute when the record is not a CloudEvent (callers treat that as a poison message).
     */
    public static EventEnvelope fromKafka(String topic, String key, Headers headers, String value) {
        String id = required(headers, CloudEventHeaders.ID);
        String source = required(headers, CloudEventHeaders.SOURCE);
        String type = required(headers, CloudEventHeaders.TYPE);
        Instant time;
        try {
            time = Instant.parse(required(headers, CloudEventHeaders.TIME));
        } catch (java.time.format.DateTimeParseException e) {
            throw new IllegalArgumentException("ce_time is not an RFC 3339 time");
        }
        if (value == null) {
            throw new IllegalArgumentException("record has no data");
        }
        return new EventEnvelope(id, source, type, optional(headers, CloudEventHeaders.SUBJECT), time,
                optional(headers, CloudEventHeaders.TENANT), topic, key, value,
                optional(headers, CloudEventHeaders.CLIENT_IP), optional(headers, CloudEventHeaders.USER_AGENT));
    }

    public <T> T dataAs(Class<T> type) {
        return EventJson.read(data, type);
    }

    private static Header header(String name, String value) {
        return new RecordHeader(name, value.getBytes(StandardCharsets.UTF_8));
    }

    private static String required(Headers headers, String name) {
        String value = optional(headers, name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("record is not a CloudEvent: header " + name + " is missing");
        }
        return value;
    }

    private static String optional(Headers headers, String name) {
        Header h = headers.lastHeader(name);
        return h == null || h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}
