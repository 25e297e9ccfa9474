package dev.latchkey.audit.rest.model;

import com.fasterxml.jackson.annotation.JsonInclude;

/** {@code GET /api/v2/audit/verify}: {@code valid}, how many records were checked, and the first broken link. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record VerifyResponse(boolean valid, long checked, Long firstSeq, Long lastSeq, Anchor anchor,
                             BrokenLink brokenAt) {

    /** Retention deleted the chain up to {@code seq}; {@code hash} was that record's hash. */
    public record Anchor(long seq, String hash, long deletedCount) {
    }

    public record BrokenLink(long seq, String id, String problem, String expected, String found) {
    }
}
