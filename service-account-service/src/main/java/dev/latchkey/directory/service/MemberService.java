package dev.latchkey.directory.service;

import dev.latchkey.directory.repository.Member;
import dev.latchkey.directory.repository.MemberRepository;
import dev.latchkey.directory.repository.OwnerTokenRepository;
import dev.latchkey.directory.repository.PageCursor;
import dev.latchkey.directory.repository.ServiceAccount;
import dev.latchkey.directory.repository.ServiceAccountRepository;
import dev.latchkey.events.Actor;
import dev.latchkey.events.EventEnvelope;
import dev.latchkey.events.directory.DirectoryEvents;
import dev.latchkey.events.directory.MemberCreated;
import dev.latchkey.events.directory.MemberDeleted;
import dev.latchkey.events.directory.MemberDisabled;
import dev.latchkey.events.directory.MemberEnabled;
import dev.latchkey.events.directory.MemberInfo;
import dev.latchkey.events.directory.MemberRoleChanged;
import dev.latchkey.events.directory.MemberUpdated;
import dev.latchkey.events.directory.ServiceAccountUpdated;
import dev.latchkey.outbox.Outbox;
import dev.latchkey.problem.ProblemException;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.function.UnaryOperator;

/**
 * Members: provisioning (SCIM, admin API, bootstrap) and deprovisioning. Deprovisioning is where credentials die:
 * disabling, deleting or demoting a member emits the member event (token-service and oauth-service stop or narrow
 * the member's credentials) and a {@code subject:<tenant>:<memberId>} not-before on the revocations topic.
 */
@ApplicationScoped
public class MemberService {
    private final Pool pool;
    private final MemberRepository members;
    private final ServiceAccountRepository serviceAccounts;
    private final OwnerTokenRepository tokens;
    private final Outbox outbox;
    private final DirectoryEventFactory events;

    MemberService(Pool pool, MemberRepository members, ServiceAccountRepository serviceAccounts,
                  OwnerTokenRepository tokens, Outbox outbox, DirectoryEventFactory events) {
        this.pool = pool;
        this.members = members;
        this.serviceAccounts = serviceAccounts;
        this.tokens = tokens;
        this.outbox = outbox;
        this.events = events;
    }

    /** What a delete request came to. */
    public record Removal(boolean removed, long liveTokens, boolean disabledInstead) {
    }

    public Uni<Member> create(Caller caller, MemberDraft draft) {
        return pool.withTransaction(tx -> create(tx, caller.tenant(), caller.actor(), UUID.randomUUID().toString(),
                        draft))
                .onFailure().transform(Db.uniqueViolationAs(taken(draft.userName())));
    }

    /** Inserts a member with its created event, refusing a userName already in use in the tenant. */
    Uni<Member> create(SqlConnection tx, String tenant, Actor actor, String id, MemberDraft draft) {
        Instant now = Times.now();
        Member m = new Member(tenant, id, draft.userName(), draft.email(), draft.displayName(), draft.givenName(),
                draft.familyName(), draft.externalId(), draft.role() == null ? Member.ROLE_MEMBER : draft.role(),
                Boolean.FALSE.equals(draft.active()) ? Member.DISABLED : Member.ACTIVE, 1, now, now);
        return members.userNameTaken(tx, tenant, draft.userName(), null).chain(isTaken -> {
            if (isTaken) {
                return Uni.createFrom().failure(ProblemException.conflict(taken(draft.userName())));
            }
            return members.insert(tx, m).chain(() -> outbox.append(tx, DirectoryEventFactory.event(
                    DirectoryEvents.MEMBER_CREATED, new MemberCreated(tenant, actor, DirectoryEventFactory.target(m),
                            now, DirectoryEventFactory.info(m))))).replaceWith(m);
        });
    }

    public Uni<Member> get(Caller caller, String id) {
        return members.find(pool, caller.tenant(), id, false).map(m -> m.orElseThrow(() -> notFound(id)));
    }

    public Uni<List<Member>> page(Caller caller, PageCursor after, int limit) {
        return members.page(pool, caller.tenant(), after, limit);
    }

    public Uni<Member> setRole(Caller caller, String id, String role) {
        return change(caller, id, m -> m.withRole(role));
    }

    public Uni<Member> disable(Caller caller, String id) {
        return change(caller, id, m -> m.withStatus(Member.DISABLED));
    }

    public Uni<Member> enable(Caller caller, String id) {
        return change(caller, id, m -> m.withStatus(Member.ACTIVE));
    }

    /**
     * Applies a change to a member and emits one event per kind of change (profile, role, status), each with the
     * final state; a member who loses access or authority gets a subject not-before.
     */
    public Uni<Member> change(Caller caller, String id, UnaryOperator<Member> mutation) {
        return pool.withTransaction(tx -> members.find(tx, caller.tenant(), id, true).chain(found -> {
                    Member before = found.orElseThrow(() -> notFound(id));
                    return apply(tx, caller.actor(), before, mutation.apply(before));
                }))
                .onFailure().transform(Db.uniqueViolationAs("That userName is already a member of this tenant."));
    }

    private Uni<Member> apply(SqlConnection tx, Actor actor, Member before, Member changed) {
        List<String> profile = new ArrayList<>();
        if (!Objects.equals(before.userName(), changed.userName())) {
            profile.add("userName");
        }
        if (!Objects.equals(before.email(), changed.email())) {
            profile.add("email");
        }
        if (!Objects.equals(before.shownName(), changed.shownName())) {
            profile.add("displayName");
        }
        boolean otherFields = !Objects.equals(before.givenName(), changed.givenName())
                || !Objects.equals(before.familyName(), changed.familyName())
                || !Objects.equals(before.externalId(), changed.externalId())
                || !Objects.equals(before.displayName(), changed.displayName());
        boolean roleChanged = !before.role().equals(changed.role());
        boolean statusChanged = !before.status().equals(changed.status());
        if (profile.isEmpty() && !otherFields && !roleChanged && !statusChanged) {
            return Uni.createFrom().item(before);
        }
        boolean losesAdmin = before.isActive() && Member.ROLE_GLOBAL_ADMIN.equals(before.role())
                && (!changed.isActive() || !Member.ROLE_GLOBAL_ADMIN.equals(changed.role()));
        Uni<Void> checks = Uni.createFrom().voidItem();
        if (losesAdmin) {
            checks = checks.chain(() -> lastAdminCheck(tx, before.tenant()));
        }
        if (!profile.isEmpty() && profile.contains("userName")) {
            checks = checks.chain(() -> members.userNameTaken(tx, before.tenant(), changed.userName(), before.id())
                    .invoke(isTaken -> {
                        if (isTaken) {
                            throw ProblemException.conflict(taken(changed.userName()));
                        }
                    }).replaceWithVoid());
        }
        Instant now = Times.now();
        Member after = changed.touched(now);
        MemberInfo info = DirectoryEventFactory.info(after);
        String tenant = after.tenant();
        var target = DirectoryEventFactory.target(after);
        List<EventEnvelope> out = new ArrayList<>();
        if (!profile.isEmpty()) {
            out.add(DirectoryEventFactory.event(DirectoryEvents.MEMBER_UPDATED,
                    new MemberUpdated(tenant, actor, target, now, info, profile)));
        }
        if (roleChanged) {
            out.add(DirectoryEventFactory.event(DirectoryEvents.MEMBER_ROLE_CHANGED,
                    new MemberRoleChanged(tenant, actor, target, now, info, before.role())));
        }
        if (statusChanged && !after.isActive()) {
            out.add(DirectoryEventFactory.event(DirectoryEvents.MEMBER_DISABLED,
                    new MemberDisabled(tenant, actor, target, now, info)));
        } else if (statusChanged) {
            out.add(DirectoryEventFactory.event(DirectoryEvents.MEMBER_ENABLED,
                    new MemberEnabled(tenant, actor, target, now, info)));
        }
        boolean demoted = roleChanged && Member.ROLE_GLOBAL_ADMIN.equals(before.role());
        boolean disabled = before.isActive() && !after.isActive();
        if (disabled || (demoted && before.isActive())) {
            out.add(events.subjectRevoked(tenant, actor, target, now, disabled ? "owner_disabled" : "owner_demoted"));
        }
        return checks.chain(() -> members.update(tx, after)).chain(() -> outbox.append(tx, out))
                .invoke(() -> {
                    if (disabled || demoted) {
                        Log.infof("member %s of %s %s by %s:%s", after.id(), tenant, disabled ? "disabled" : "demoted",
                                actor.type(), actor.id());
                    }
                })
                .replaceWith(after);
    }

    private Uni<Void> lastAdminCheck(SqlConnection tx, String tenant) {
        return members.countActiveGlobalAdmins(tx, tenant).invoke(n -> {
            if (n <= 1) {
                throw ProblemException.conflict("This is the tenant's last active global admin: make another member "
                        + "global admin first.");
            }
        }).replaceWithVoid();
    }

    /**
     * Removes a member when no live token of theirs remains; otherwise refuses, saying how many remain. With
     * {@code disableWhenRefused} (SCIM deprovisioning) the refused member is disabled at once, so an upstream
     * deletion still stops their credentials while their tokens wait to be reassigned or deleted.
     */
    public Uni<Removal> remove(Caller caller, String id, boolean disableWhenRefused) {
        return pool.withTransaction(tx -> members.find(tx, caller.tenant(), id, true).chain(found -> {
            Member before = found.orElseThrow(() -> notFound(id));
            Instant now = Times.now();
            return tokens.countLive(tx, caller.tenant(), "member", id, now).chain(live -> {
                if (live > 0) {
                    if (disableWhenRefused && before.isActive()) {
                        return apply(tx, caller.actor(), before, before.withStatus(Member.DISABLED))
                                .replaceWith(new Removal(false, live, true));
                    }
                    return Uni.createFrom().item(new Removal(false, live, false));
                }
                boolean wasAdmin = before.isActive() && Member.ROLE_GLOBAL_ADMIN.equals(before.role());
                Uni<Void> check = wasAdmin ? lastAdminCheck(tx, before.tenant()) : Uni.createFrom().voidItem();
                Member after = before.withStatus(Member.DELETED).touched(now);
                var target = DirectoryEventFactory.target(after);
                List<EventEnvelope> out = new ArrayList<>();
                out.add(DirectoryEventFactory.event(DirectoryEvents.MEMBER_DELETED, new MemberDeleted(after.tenant(),
                        caller.actor(), target, now, DirectoryEventFactory.info(after))));
                out.add(events.subjectRevoked(after.tenant(), caller.actor(), target, now, "owner_deleted"));
                return check.chain(() -> members.update(tx, after))
                        .chain(() -> dropAsManager(tx, caller, id, now, out))
                        .chain(() -> outbox.append(tx, out))
                        .replaceWith(new Removal(true, 0, false));
            });
        })).invoke(r -> {
            if (r.removed()) {
                Log.infof("member %s of %s removed by %s:%s", id, caller.tenant(), caller.principalType(),
                        caller.principalId());
            }
        });
    }

    /** A removed member stops managing service accounts (each gets its updated event). */
    private Uni<Void> dropAsManager(SqlConnection tx, Caller caller, String memberId, Instant now,
                                    List<EventEnvelope> out) {
        return serviceAccounts.managedBy(tx, caller.tenant(), memberId).chain(accounts -> {
            Uni<Void> chain = Uni.createFrom().voidItem();
            for (ServiceAccount a : accounts) {
                List<String> managers = new ArrayList<>(a.managers());
                managers.remove(memberId);
                ServiceAccount after = a.with(a.name(), a.description(), List.copyOf(managers), now);
                out.add(DirectoryEventFactory.event(DirectoryEvents.SERVICE_ACCOUNT_UPDATED, new ServiceAccountUpdated(
                        a.tenant(), caller.actor(), DirectoryEventFactory.target(after), now,
                        DirectoryEventFactory.info(after), List.of("managers"))));
                chain = chain.chain(() -> serviceAccounts.update(tx, after));
            }
            return chain;
        });
    }

    public static String refusal(long liveTokens) {
        return "The member still has " + liveTokens + " live token" + (liveTokens == 1 ? "" : "s")
                + ": reassign them to a service account or delete them first.";
    }

    private static String taken(String userName) {
        return "userName '" + userName + "' is already a member of this tenant (user names are case-insensitive).";
    }

    private static ProblemException notFound(String id) {
        return ProblemException.notFound("member", id);
    }
}
