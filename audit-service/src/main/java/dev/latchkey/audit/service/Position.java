package dev.latchkey.audit.service;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

/** A place in the (occurredAt, seq) order: what the opaque pagination cursor encodes. */
public record Position(Instant occurredAt, long seq) {

    public String encode() {
        String plain = occurredAt.getEpochSecond() + "." + occurredAt.getNano() + "." + seq;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    }

    /** Null when the cursor is not one of ours. */
    public static Position decode(String cursor) {
        try {
            String[] p = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\\.");
            if (p.length != 3) {
                return null;
            }
            return new Position(Instant.ofEpochSecond(Long.parseLong(p[0]), Long.parseLong(p[1])), Long.parseLong(p[2]));
        } catch (RuntimeException e) {
            return null;
        }
    }
}
