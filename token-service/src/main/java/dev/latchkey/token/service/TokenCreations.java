package dev.latchkey.token.service;

import dev.latchkey.events.EventEnvelope;
import dev.latchkey.problem.Problem.FieldError;
import dev.latchkey.problem.ProblemException;
import dev.latchkey.token.config.TokenConfig;
import dev.latchkey.token.repository.Owner;
import dev.latchkey.token.repository.PolicyRepository;
import dev.latchkey.token.repository.Token;
import dev.latchkey.token.repository.TokenPolicy;
import dev.latchkey.token.repository.TokenRepository;
import dev.latchkey.verifier.OpaqueTokens;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;

/**
 * Token creation, with group commit. At one creation per transaction PostgreSQL spends more on the transaction than
 * on the creation (bench/token-service/pgbench). So at most {@code latchkey.token.creation.transactions} creation
 * transactions run at once; creations that arrive meanwhile wait and share the next one, up to
 * {@code latchkey.token.creation.group-size}. A creation that finds a free slot starts at once, alone.
 *
 * <p>Each creation in a group keeps its own checks, in the order a lone one makes them: its owner (404, 403), the
 * owner's scopes and status, the caller's scopes, the policy; then, under its owner's lock, the unique live name
 * and the personal-token limit, which also count the group's earlier creations. It keeps its own answer too: a
 * refused creation is left out and the others commit. If the transaction itself fails (a database error, a
 * deadlock), each creation of the group is retried alone, so one cannot fail the others.
 */
@ApplicationScoped
public class TokenCreations {
    /** A validated request; {@code ownerType}/{@code ownerId} null = the caller; {@code requested} null = default. */
    public record Draft(Caller caller, String name, List<String> scopes, String visibility, List<String> origins,
                        Expiry requested, String ownerType, String ownerId, Instant now) {
    }

    private final Pool pool;
    private final TokenRepository tokens;
    private final PolicyRepository policies;
    private final TokenAccess access;
    private final TokenRules rules;
    private final TokenEventFactory events;
    private final TokenOutbox outbox;
    private final int maxTransactions;
    private final int groupSize;
    private final DistributionSummary groupSizes;
    private final ConcurrentLinkedQueue<Creation> waiting = new ConcurrentLinkedQueue<>();
    private final AtomicInteger transactions = new AtomicInteger();

    TokenCreations(Pool pool, TokenRepository tokens, PolicyRepository policies, TokenAccess access, TokenRules rules,
                   TokenEventFactory events, TokenOutbox outbox, TokenConfig config, MeterRegistry meters) {
        this.pool = pool;
        this.tokens = tokens;
        this.policies = policies;
        this.access = access;
        this.rules = rules;
        this.events = events;
        this.outbox = outbox;
        this.maxTransactions = config.creation().transactions();
        this.groupSize = config.creation().groupSize();
        this.groupSizes = DistributionSummary.builder("latchkey.token.creation.group.size")
                .description("Token creations committed in one transaction").register(meters);
    }

    /** Creates the token once its group commits; fails with the creation's own refusal. */
    public Uni<IssuedToken> create(Draft draft) {
        UnaryOperator<EventEnvelope> origin = outbox.requestOrigin();
        Context context = Vertx.currentContext();
        return Uni.createFrom().emitter(emitter -> {
            waiting.add(new Creation(draft, origin, context, emitter));
            startGroups();
        });
    }

    private void startGroups() {
        while (!waiting.isEmpty()) {
            int running = transactions.get();
            if (running >= maxTransactions) {
                return; // the next finishing transaction starts the waiting ones
            }
            if (!transactions.compareAndSet(running, running + 1)) {
                continue;
            }
            List<Creation> group = new ArrayList<>();
            for (Creation c; group.size() < groupSize && (c = waiting.poll()) != null; ) {
                group.add(c);
            }
            if (group.isEmpty()) {
                transactions.decrementAndGet();
                continue;
            }
            groupSizes.record(group.size());
            commit(group).subscribe().with(x -> finished(), f -> finished());
        }
    }

    private void finished() {
        transactions.decrementAndGet();
        startGroups();
    }

    private Uni<Void> commit(List<Creation> group) {
        return pool.withTransaction(tx -> createAll(tx, group))
                .invoke(() -> group.forEach(Creation::answer))
                .onFailure().recoverWithUni(failure -> {
                    if (group.size() == 1) {
                        group.get(0).fail(failure);
                        return Uni.createFrom().voidItem();
                    }
                    return Uni.join().all(group.stream().map(c -> commit(List.of(c.again()))).toList())
                            .andCollectFailures().replaceWithVoid();
                });
    }

    private Uni<Void> createAll(SqlConnection tx, List<Creation> group) {
        // first flight: every creation's owner and its tenant's policy (once per tenant)
        Map<String, Uni<TokenPolicy>> policyOf = new HashMap<>();
        List<Uni<Void>> reads = new ArrayList<>();
        for (Creation c : group) {
            Draft d = c.draft;
            Uni<TokenPolicy> policy = policyOf.computeIfAbsent(d.caller().tenant(),
                    tenant -> policies.find(tx, tenant).memoize().indefinitely());
            reads.add(refusable(c, Uni.combine().all().unis(access.resolveOwner(tx, d.caller(), d.ownerType(), d.ownerId()),
                    policy).asTuple().invoke(op -> c.prepare(op.getItem1(), op.getItem2()))));
        }
        return all(reads).chain(() -> {
            List<Creation> live = live(group);
            if (live.isEmpty()) {
                return Uni.createFrom().voidItem();
            }
            // second flight: the owners' locks, then the checks they guard
            Set<String> owners = new LinkedHashSet<>();
            live.forEach(c -> owners.add(c.ownerLockKey()));
            List<Uni<Void>> checks = new ArrayList<>();
            checks.add(tokens.lockOwners(tx, owners));
            for (Creation c : live) {
                Token t = c.token;
                checks.add(tokens.liveNameExists(tx, t.tenant(), t.ownerType(), t.ownerId(), t.name(), null, c.draft.now())
                        .invoke(taken -> c.nameTaken = taken).replaceWithVoid());
                if (c.limitsPersonalTokens()) {
                    checks.add(tokens.countLive(tx, t.tenant(), t.ownerType(), t.ownerId(), c.draft.now())
                            .invoke(n -> c.liveTokens = n).replaceWithVoid());
                }
            }
            return all(checks).chain(() -> insert(tx, live));
        });
    }

    /** Third flight: the inserts and events of the creations the locked checks let through. */
    private Uni<Void> insert(SqlConnection tx, List<Creation> live) {
        Map<String, Set<String>> namesInGroup = new HashMap<>();
        Map<String, Integer> createdInGroup = new HashMap<>();
        List<Uni<Void>> writes = new ArrayList<>();
        List<EventEnvelope> created = new ArrayList<>();
        for (Creation c : live) {
            Token t = c.token;
            String owner = c.ownerLockKey();
            Set<String> names = namesInGroup.computeIfAbsent(owner, o -> new HashSet<>());
            String name = t.name().toLowerCase(Locale.ROOT);
            int earlier = createdInGroup.getOrDefault(owner, 0);
            if (c.nameTaken || names.contains(name)) {
                c.refusal = TokenRules.nameTaken(t.name());
            } else if (c.limitsPersonalTokens() && c.liveTokens + earlier >= c.policy.maxPersonalTokensPerMember()) {
                c.refusal = TokenRules.personalLimitReached(c.policy.maxPersonalTokensPerMember());
            } else {
                names.add(name);
                createdInGroup.put(owner, earlier + 1);
                writes.add(tokens.insert(tx, t));
                created.add(c.origin.apply(events.created(c.draft.caller().actor(), t, c.draft.now())));
            }
        }
        if (writes.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        writes.add(outbox.appendAsGiven(tx, created));
        return all(writes);
    }

    private static Uni<Void> refusable(Creation c, Uni<?> step) {
        return step.replaceWithVoid().onFailure(ProblemException.class).recoverWithItem(f -> {
            c.refusal = (ProblemException) f;
            return null;
        });
    }

    private static Uni<Void> all(List<Uni<Void>> unis) {
        return unis.isEmpty() ? Uni.createFrom().voidItem() : Uni.join().all(unis).andFailFast().replaceWithVoid();
    }

    private static List<Creation> live(List<Creation> group) {
        return group.stream().filter(c -> c.refusal == null).toList();
    }

    /** One creation on its way through a group; its fields are touched only by the group's pipeline. */
    private final class Creation {
        final Draft draft;
        final UnaryOperator<EventEnvelope> origin;
        final Context context;
        final UniEmitter<? super IssuedToken> emitter;
        TokenPolicy policy;
        Token token;
        String value;
        boolean nameTaken;
        long liveTokens;
        ProblemException refusal;

        Creation(Draft draft, UnaryOperator<EventEnvelope> origin, Context context, UniEmitter<? super IssuedToken> emitter) {
            this.draft = draft;
            this.origin = origin;
            this.context = context;
            this.emitter = emitter;
        }

        /** The checks that need the owner and the policy, then the token to insert (its value never leaves here but in the answer). */
        void prepare(Owner owner, TokenPolicy policy) {
            Draft d = draft;
            List<FieldError> ownerErrors = new ArrayList<>();
            if ("public".equals(d.visibility()) && !Token.OWNER_SERVICE_ACCOUNT.equals(owner.type())) {
                ownerErrors.add(new FieldError("visibility", "a public token must be owned by a service account"));
            }
            rules.withinOwnerRole(d.scopes(), owner.type(), TokenAccess.roleOf(owner), ownerErrors);
            TokenRules.throwIfAny(ownerErrors);
            TokenRules.requireActive(owner);
            rules.withinCaller(d.scopes(), d.caller());
            if (policy.requireServiceAccountOwner() && !Token.OWNER_SERVICE_ACCOUNT.equals(owner.type())) {
                throw ProblemException.policy("service-account-owner-required",
                        "this tenant's policy requires new tokens to be owned by a service account");
            }
            Expiry expiry = d.requested() != null ? d.requested() : rules.defaultExpiry(policy, d.now());
            rules.withinPolicy(policy, expiry, d.now());
            this.policy = policy;
            this.value = OpaqueTokens.generate(OpaqueTokens.API_TOKEN);
            this.token = new Token(UUID.randomUUID(), d.caller().tenant(), d.name(), owner.type(), owner.id(), d.scopes(),
                    d.visibility(), d.origins(), OpaqueTokens.sha256(value), OpaqueTokens.hint(value), d.now(),
                    d.caller().type(), d.caller().id(), d.now(), expiry.at(), null, null, null, null, null, 0);
        }

        String ownerLockKey() {
            return TokenRepository.ownerLockKey(token.tenant(), token.ownerType(), token.ownerId());
        }

        boolean limitsPersonalTokens() {
            return policy.maxPersonalTokensPerMember() != null && Token.OWNER_MEMBER.equals(token.ownerType());
        }

        /** The same request, from the start, for a transaction of its own. */
        Creation again() {
            return new Creation(draft, origin, context, emitter);
        }

        void answer() {
            if (refusal != null) {
                fail(refusal);
            } else {
                IssuedToken issued = new IssuedToken(token, value);
                onRequestContext(() -> emitter.complete(issued));
            }
        }

        void fail(Throwable failure) {
            onRequestContext(() -> emitter.fail(failure));
        }

        /** Answers on the request's own Vert.x context: the group ran on whichever request started it. */
        private void onRequestContext(Runnable answer) {
            if (context == null) {
                answer.run();
            } else {
                context.runOnContext(v -> answer.run());
            }
        }
    }
}
