package dev.latchkey.audit.chain;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;

/**
 * The hash of a record: SHA-256 (lowercase hex) over the canonical JSON of the array
 * {@code ["latchkey.audit.v1", tenant, chainSeq, eventId, type, source, subject, actorType, actorId, actorName,
 * targetType, targetId, occurredAt, receivedAt, clientIp, userAgent, data, prevHash]} (times as RFC 3339 UTC
 * with at most microseconds, absent values as null). Covering {@code prevHash} is what chains the records: a
 * changed, removed or inserted record breaks every link after it.
 */
public final class ChainHasher {
    /** prev_hash of a tenant's first record. */
    public static final String GENESIS = "0".repeat(64);
    static final String VERSION = "latchkey.audit.v1";

    public static String hash(AuditRecord r) {
        ArrayNode a = JsonNodeFactory.instance.arrayNode();
        a.add(VERSION).add(r.tenant()).add(r.chainSeq()).add(r.eventId()).add(r.type()).add(r.source())
                .add(r.subject()).add(r.actorType()).add(r.actorId()).add(r.actorName()).add(r.targetType())
                .add(r.targetId()).add(time(r.occurredAt())).add(time(r.receivedAt())).add(r.clientIp())
                .add(r.userAgent());
        a.add(r.data());
        a.add(r.prevHash());
        return sha256(CanonicalJson.write(a));
    }

    /** The same record with its hash computed. */
    public static AuditRecord sealed(AuditRecord r) {
        return new AuditRecord(r.seq(), r.tenant(), r.chainSeq(), r.eventId(), r.type(), r.source(), r.subject(),
                r.actorType(), r.actorId(), r.actorName(), r.targetType(), r.targetId(), r.occurredAt(),
                r.receivedAt(), r.clientIp(), r.userAgent(), r.data(), r.prevHash(), hash(r));
    }

    static String time(Instant t) {
        return t == null ? null : t.toString();
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    private ChainHasher() {
    }
}
