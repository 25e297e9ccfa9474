package dev.latchkey.events.token;

import dev.latchkey.events.Actor;
import dev.latchkey.events.EventData;
import dev.latchkey.events.Target;

import java.time.Instant;
import java.util.List;

/**
 * A global admin changed the tenant's token policy (target {@code token_policy}, id = the tenant).
 * {@link #previous} is the policy before (the defaults when the tenant never set one), {@link #policy} the one
 * now in force; {@link #changes} names the fields that differ. Existing tokens are not touched.
 */
public record TokenPolicyUpdated(String tenant, Actor actor, Target target, Instant occurredAt,
                                 TokenPolicyInfo previous, TokenPolicyInfo policy, List<String> changes)
        implements EventData {
    public static final String TARGET_TYPE = "token_policy";
}
