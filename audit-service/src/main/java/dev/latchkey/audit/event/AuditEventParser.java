package dev.latchkey.audit.event;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.latchkey.audit.chain.CanonicalJson;
import dev.latchkey.events.EventEnvelope;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.apache.kafka.common.header.Headers;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads any well-formed CloudEvent generically: the audit trail must not need to know every event type (new
 * ones appear without a release of this service). What it relies on is the common part of every event's data
 * (DESIGN.md §7): {@code tenant}, {@code actor}, {@code target}, {@code occurredAt}.
 */
@ApplicationScoped
public class AuditEventParser {
    private static final int MAX_ATTRIBUTE = 512;
    /** Latchkey's opaque credentials (DESIGN.md §5): never stored even if a producer slips one into data. */
    private static final Pattern CREDENTIAL = Pattern.compile("lk[tcra]_[0-9A-Za-z]{49}");

    /** Failed authentications a verifier could not attribute to any tenant are filed in this one's trail. */
    static final String AUTHENTICATION_TYPES = "latchkey.authentication.";

    private final Counter droppedFields;
    private final String operatorTenant;

    public AuditEventParser(MeterRegistry registry,
                            @ConfigProperty(name = "latchkey.platform.operator-tenant") String operatorTenant) {
        this.operatorTenant = operatorTenant;
        this.droppedFields = Counter.builder("latchkey.audit.dropped.fields")
                .description("Fields removed from event data because their name or value looked like a secret")
                .register(registry);
    }

    public IncomingEvent parse(String topic, String key, Headers headers, byte[] value) {
        EventEnvelope envelope;
        try {
            envelope = EventEnvelope.fromKafka(topic, key, headers, utf8(value));
        } catch (IllegalArgumentException e) {
            throw new PoisonMessageException(PoisonMessageException.NOT_A_CLOUDEVENT, e.getMessage());
        }
        JsonNode parsed;
        try {
            parsed = CanonicalJson.parse(envelope.data());
        } catch (JsonProcessingException e) {
            throw new PoisonMessageException(PoisonMessageException.INVALID_JSON,
                    "data is not JSON (line " + e.getLocation().getLineNr() + ", column "
                            + e.getLocation().getColumnNr() + ")");
        }
        if (!(parsed instanceof ObjectNode data)) {
            throw new PoisonMessageException(PoisonMessageException.INVALID_JSON, "data is not a JSON object");
        }
        if (CanonicalJson.anyString(data, AuditEventParser::unstorable)) {
            throw new PoisonMessageException(PoisonMessageException.INVALID_JSON,
                    "data holds a NUL character or an unpaired surrogate");
        }

        String tenant = tenant(envelope, data);
        checkAttribute("ce_id", envelope.id());
        checkAttribute("ce_type", envelope.type());
        checkAttribute("ce_source", envelope.source());

        JsonNode actor = data.path("actor");
        JsonNode target = data.path("target");
        for (String[] field : new String[][]{{"actor.type", text(actor, "type")}, {"actor.id", text(actor, "id")},
                {"target.type", text(target, "type")}, {"target.id", text(target, "id")}}) {
            if (field[1] != null) {
                checkAttribute("data." + field[0], field[1]);
            }
        }
        Instant occurredAt = occurredAt(data, envelope.time());
        // CloudEvents extensions ce_clientip / ce_useragent: set by libs/outbox on events of an HTTP request
        String clientIp = firstText(blankToNull(envelope.clientIp()));
        String userAgent = firstText(blankToNull(envelope.userAgent()));

        droppedFields.increment(dropSecrets(data));
        return new IncomingEvent(tenant, envelope.id(), envelope.type(), envelope.source(), envelope.subject(),
                text(actor, "type"), text(actor, "id"), firstText(text(actor, "displayName"), text(actor, "name")),
                text(target, "type"), text(target, "id"), occurredAt, clientIp, userAgent, data, nameUpdate(data));
    }

    private String tenant(EventEnvelope envelope, ObjectNode data) {
        String fromHeader = blankToNull(envelope.tenant());
        String fromData = text(data, "tenant");
        if (fromHeader != null && fromData != null && !fromHeader.equals(fromData)) {
            throw new PoisonMessageException(PoisonMessageException.INVALID_FIELD,
                    "ce_tenant and data.tenant disagree");
        }
        String tenant = fromHeader != null ? fromHeader : fromData;
        if (tenant == null && envelope.type().startsWith(AUTHENTICATION_TYPES)) {
            // a made-up or unknown credential belongs to no tenant: the platform operator watches those
            tenant = operatorTenant;
        }
        if (tenant == null) {
            throw new PoisonMessageException(PoisonMessageException.NO_TENANT,
                    "neither the ce_tenant header nor data.tenant names a tenant");
        }
        checkAttribute("tenant", tenant);
        return tenant;
    }

    private static Instant occurredAt(ObjectNode data, Instant ceTime) {
        String value = text(data, "occurredAt");
        Instant t = ceTime;
        if (value != null) {
            try {
                t = Instant.parse(value);
            } catch (DateTimeParseException e) {
                throw new PoisonMessageException(PoisonMessageException.INVALID_FIELD,
                        "data.occurredAt is not an RFC 3339 time");
            }
        }
        // PostgreSQL keeps microseconds; the hash must cover exactly what is stored
        return t.truncatedTo(ChronoUnit.MICROS);
    }

    /** Members and service accounts as directory events describe them (DESIGN: full state in every event). */
    private static IncomingEvent.PrincipalName nameUpdate(ObjectNode data) {
        JsonNode member = data.path("member");
        if (member.isObject() && text(member, "id") != null) {
            String name = firstText(text(member, "displayName"), text(member, "userName"));
            return name == null ? null : new IncomingEvent.PrincipalName("member", text(member, "id"), name);
        }
        JsonNode account = data.path("serviceAccount");
        if (account.isObject() && text(account, "id") != null && text(account, "name") != null) {
            return new IncomingEvent.PrincipalName("service_account", text(account, "id"), text(account, "name"));
        }
        return null;
    }

    /**
     * Producers never put secrets in events; this is the second line: fields named like a secret, a token
     * value, a password or a hash are dropped wherever they are, and so is any string that has the shape of a
     * Latchkey credential. Returns how many were dropped.
     */
    static int dropSecrets(JsonNode node) {
        int dropped = 0;
        if (node instanceof ObjectNode object) {
            List<String> remove = new ArrayList<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (secretName(e.getKey()) || (e.getValue().isTextual() && looksLikeCredential(e.getValue().textValue()))) {
                    remove.add(e.getKey());
                } else {
                    dropped += dropSecrets(e.getValue());
                }
            }
            remove.forEach(object::remove);
            dropped += remove.size();
        } else if (node != null && node.isArray()) {
            for (int i = node.size() - 1; i >= 0; i--) {
                JsonNode element = node.get(i);
                if (element.isTextual() && looksLikeCredential(element.textValue())) {
                    ((com.fasterxml.jackson.databind.node.ArrayNode) node).remove(i);
                    dropped++;
                } else {
                    dropped += dropSecrets(element);
                }
            }
        }
        return dropped;
    }

    static boolean secretName(String name) {
        String n = name.toLowerCase(Locale.ROOT).replace("_", "").replace("-", "");
        return n.endsWith("secret") || n.endsWith("password") || n.endsWith("passwd") || n.endsWith("hash")
                || n.endsWith("tokenvalue") || n.endsWith("privatekey") || n.equals("credential");
    }

    static boolean looksLikeCredential(String value) {
        return CREDENTIAL.matcher(value).find();
    }

    private static boolean unstorable(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == 0) {
                return true;
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1))) {
                    return true;
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return true;
            }
        }
        return false;
    }

    private static void checkAttribute(String name, String value) {
        if (value.length() > MAX_ATTRIBUTE || unstorable(value)) {
            throw new PoisonMessageException(PoisonMessageException.INVALID_FIELD,
                    name + " is longer than " + MAX_ATTRIBUTE + " characters or not storable text");
        }
    }

    private static String utf8(byte[] value) {
        if (value == null) {
            return null;
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(value)).toString();
        } catch (CharacterCodingException e) {
            throw new PoisonMessageException(PoisonMessageException.INVALID_JSON, "data is not UTF-8");
        }
    }

    static String text(JsonNode node, String field) {
        JsonNode v = node.path(field);
        return v.isTextual() ? blankToNull(v.textValue()) : null;
    }

    private static String firstText(String... values) {
        for (String v : values) {
            if (v != null) {
                return v.length() > MAX_ATTRIBUTE ? v.substring(0, MAX_ATTRIBUTE) : v;
            }
        }
        return null;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
