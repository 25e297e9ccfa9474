package dev.latchkey.audit.service;

/**
 * The outcome of walking a range of a tenant's chain. {@code broken} is null when every link held.
 *
 * @param firstSeq first chain position checked (null when the range was empty)
 * @param lastSeq  last chain position checked
 * @param anchor   where the kept part of the chain starts after retention (null when nothing was deleted)
 */
public record ChainVerification(boolean valid, long checked, Long firstSeq, Long lastSeq, Anchor anchor,
                                BrokenLink broken) {

    public record Anchor(long seq, String hash, long deletedCount) {
    }

    /**
     * @param problem  {@code hash} (the record's content does not match its hash), {@code prev_hash} (it does not
     *                 point at its predecessor), {@code missing} (a chain position is absent) or {@code head}
     *                 (records after the last one found are missing)
     * @param expected what the chain says should be there
     * @param found    what is stored
     */
    public record BrokenLink(long seq, String eventId, String problem, String expected, String found) {
    }
}
