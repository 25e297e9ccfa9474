package dev.latchkey.token.service;

import dev.latchkey.problem.Problem.FieldError;
import dev.latchkey.token.repository.PolicyRepository;
import dev.latchkey.token.repository.TokenPolicy;
import dev.latchkey.token.rest.model.TokenPolicyView;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/** The tenant's token policy. Changing it does not touch existing tokens; it applies to creations and edits. */
@ApplicationScoped
public class TokenPolicyService {
    private final Pool pool;
    private final PolicyRepository policies;
    private final TokenEventFactory events;
    private final TokenOutbox outbox;

    TokenPolicyService(Pool pool, PolicyRepository policies, TokenEventFactory events, TokenOutbox outbox) {
        this.pool = pool;
        this.policies = policies;
        this.events = events;
        this.outbox = outbox;
    }

    public Uni<TokenPolicy> get(Caller caller) {
        return policies.find(pool, caller.tenant());
    }

    /**
     * Replaces the policy; absent fields take their defaults. A change is a {@code token.policy.updated} event
     * with the previous and the new values; a PUT that changes nothing writes nothing.
     */
    public Uni<TokenPolicy> put(Caller caller, TokenPolicyView v) {
        List<FieldError> errors = new ArrayList<>();
        if (v == null) {
            errors.add(new FieldError("body", "a JSON body is required"));
            TokenRules.throwIfAny(errors);
        }
        if (v.maxLifetimeDays() != null && (v.maxLifetimeDays() < 1 || v.maxLifetimeDays() > 3650)) {
            errors.add(new FieldError("maxLifetimeDays", "must be between 1 and 3650 (or null for no maximum)"));
        }
        if (v.maxPersonalTokensPerMember() != null && (v.maxPersonalTokensPerMember() < 0 || v.maxPersonalTokensPerMember() > 10_000)) {
            errors.add(new FieldError("maxPersonalTokensPerMember", "must be between 0 and 10000 (or null for no limit)"));
        }
        List<Integer> days = v.expiryNoticeDays() == null ? TokenPolicy.DEFAULT_NOTICE_DAYS : v.expiryNoticeDays();
        if (days.size() > 10) {
            errors.add(new FieldError("expiryNoticeDays", "at most 10 lead times"));
        }
        for (int i = 0; i < days.size(); i++) {
            Integer d = days.get(i);
            if (d == null || d < 1 || d > 365) {
                errors.add(new FieldError("expiryNoticeDays[" + i + "]", "must be between 1 and 365 days"));
            }
        }
        TokenRules.throwIfAny(errors);
        TokenPolicy p = new TokenPolicy(caller.tenant(), v.maxLifetimeDays(),
                v.allowNoExpiration() == null || v.allowNoExpiration(), v.maxPersonalTokensPerMember(),
                v.requireServiceAccountOwner() != null && v.requireServiceAccountOwner(),
                List.copyOf(new TreeSet<>(days).descendingSet()), null);
        return pool.withTransaction(tx -> policies.lock(tx, caller.tenant())
                .chain(() -> policies.find(tx, caller.tenant()))
                .chain(previous -> {
                    List<String> changes = TokenEventFactory.policyChanges(previous, p);
                    if (changes.isEmpty()) {
                        return Uni.createFrom().item(previous);
                    }
                    return policies.upsert(tx, p, caller.type(), caller.id())
                            .chain(() -> policies.find(tx, caller.tenant()))
                            .call(saved -> outbox.append(tx, events.policyUpdated(caller.actor(), previous, saved,
                                    changes, Times.now())));
                }));
    }
}
