package dev.latchkey.token.rest.model;

import java.time.Instant;
import java.util.List;

/**
 * A tenant's token policy. {@code maxLifetimeDays} null = no maximum; {@code maxPersonalTokensPerMember} null = no
 * limit; {@code expiryNoticeDays}: lead times of expiry notices.
 */
public record TokenPolicyView(Integer maxLifetimeDays, Boolean allowNoExpiration, Integer maxPersonalTokensPerMember,
                              Boolean requireServiceAccountOwner, List<Integer> expiryNoticeDays, Instant updatedAt) {
}
