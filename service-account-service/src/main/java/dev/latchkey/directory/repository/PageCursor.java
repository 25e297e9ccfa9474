package dev.latchkey.directory.repository;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

/** The position after the last row of a page: opaque to clients (base64url of created-at micros and id). */
public record PageCursor(Instant createdAt, String id) {

    public String encode() {
        long micros = createdAt.getEpochSecond() * 1_000_000L + createdAt.getNano() / 1_000;
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((micros + "." + id).getBytes(StandardCharsets.UTF_8));
    }

    /** {@code null} when the value is not a cursor of ours. */
    public static PageCursor decode(String value) {
        try {
            String s = new String(Base64.getUrlDecoder().decode(value), StandardCharsets.UTF_8);
            int dot = s.indexOf('.');
            long micros = Long.parseLong(s.substring(0, dot));
            String id = s.substring(dot + 1);
            if (id.isEmpty()) {
                return null;
            }
            return new PageCursor(Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L),
                    Math.floorMod(micros, 1_000_000L) * 1_000L), id);
        } catch (RuntimeException e) {
            return null;
        }
    }
}
