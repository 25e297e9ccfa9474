package dev.latchkey.token.repository;

import java.time.Instant;
import java.util.List;

/** A tenant's token policy; {@link #defaults(String)} when the tenant never set one. */
public record TokenPolicy(String tenant, Integer maxLifetimeDays, boolean allowNoExpiration,
                          Integer maxPersonalTokensPerMember, boolean requireServiceAccountOwner,
                          List<Integer> expiryNoticeDays, Instant updatedAt) {
    public static final List<Integer> DEFAULT_NOTICE_DAYS = List.of(30, 7, 1);

    public static TokenPolicy defaults(String tenant) {
        return new TokenPolicy(tenant, null, true, null, false, DEFAULT_NOTICE_DAYS, null);
    }
}
