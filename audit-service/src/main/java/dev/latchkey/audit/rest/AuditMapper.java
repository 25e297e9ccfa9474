package dev.latchkey.audit.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.latchkey.audit.chain.AuditRecord;
import dev.latchkey.audit.chain.CanonicalJson;
import dev.latchkey.audit.rest.model.AuditEvent;
import dev.latchkey.audit.rest.model.VerifyResponse;
import dev.latchkey.audit.service.ChainVerification;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Entity → API model, and the line formats of exports. */
@ApplicationScoped
public class AuditMapper {
    static final String CSV_HEADER = "seq,id,type,source,subject,tenant,actor_type,actor_id,actor_name,target_type,"
            + "target_id,occurred_at,received_at,client_ip,user_agent,data,prev_hash,hash\r\n";

    private final ObjectMapper json;

    public AuditMapper(ObjectMapper json) {
        this.json = json;
    }

    public AuditEvent toApi(AuditRecord r) {
        return new AuditEvent(r.chainSeq(), r.eventId(), r.type(), r.source(), r.subject(), r.tenant(),
                r.actorType() == null && r.actorId() == null ? null
                        : new AuditEvent.Party(r.actorType(), r.actorId(), r.actorName()),
                r.targetType() == null && r.targetId() == null ? null
                        : new AuditEvent.Party(r.targetType(), r.targetId(), null),
                r.occurredAt(), r.receivedAt(), r.clientIp(), r.userAgent(), r.data(), r.prevHash(), r.hash());
    }

    public VerifyResponse toApi(ChainVerification v) {
        return new VerifyResponse(v.valid(), v.checked(), v.firstSeq(), v.lastSeq(),
                v.anchor() == null ? null : new VerifyResponse.Anchor(v.anchor().seq(), v.anchor().hash(),
                        v.anchor().deletedCount()),
                v.broken() == null ? null : new VerifyResponse.BrokenLink(v.broken().seq(), v.broken().eventId(),
                        v.broken().problem(), v.broken().expected(), v.broken().found()));
    }

    public String ndjsonLine(AuditRecord r) {
        try {
            return json.writeValueAsString(toApi(r)) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("audit record " + r.chainSeq() + " is not serialisable", e);
        }
    }

    /** RFC 4180, with spreadsheet formula injection neutralised (a cell never starts with = + - @). */
    public String csvLine(AuditRecord r) {
        return Stream.of(Long.toString(r.chainSeq()), r.eventId(), r.type(), r.source(), r.subject(), r.tenant(),
                        r.actorType(), r.actorId(), r.actorName(), r.targetType(), r.targetId(),
                        r.occurredAt().toString(), r.receivedAt().toString(), r.clientIp(), r.userAgent(),
                        CanonicalJson.write(r.data()), r.prevHash(), r.hash())
                .map(AuditMapper::csvCell)
                .collect(Collectors.joining(",", "", "\r\n"));
    }

    static String csvCell(String value) {
        if (value == null || value.isEmpty()) {
            return "";
        }
        String v = value;
        char first = v.charAt(0);
        if ((first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r')
                && !v.matches("-?[0-9].*")) {
            v = "'" + v;
        }
        if (v.indexOf(',') >= 0 || v.indexOf('"') >= 0 || v.indexOf('\n') >= 0 || v.indexOf('\r') >= 0) {
            v = "\"" + v.replace("\"", "\"\"") + "\"";
        }
        return v;
    }
}
