package dev.latchkey.events.token;

import java.util.List;

/**
 * A tenant's token policy as {@link TokenPolicyUpdated} carries it.
 *
 * @param maxLifetimeDays            {@code null} = no maximum
 * @param maxPersonalTokensPerMember {@code null} = no limit
 * @param expiryNoticeDays           lead times of expiry notices, longest first
 */
public record TokenPolicyInfo(Integer maxLifetimeDays, boolean allowNoExpiration, Integer maxPersonalTokensPerMember,
                              boolean requireServiceAccountOwner, List<Integer> expiryNoticeDays) {
}
