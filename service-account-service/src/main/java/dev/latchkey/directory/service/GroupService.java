package dev.latchkey.directory.service;

import dev.latchkey.directory.repository.Group;
import dev.latchkey.directory.repository.GroupRepository;
import dev.latchkey.directory.repository.MemberRepository;
import dev.latchkey.problem.ProblemException;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/**
 * SCIM groups (teams) of the caller's tenant. A group's members must be live members of the same tenant; the
 * display name is unique in the tenant (case-insensitive), as identity providers look groups up by it.
 */
@ApplicationScoped
public class GroupService {
    static final int MAX_DISPLAY_NAME = 256;

    private final Pool pool;
    private final GroupRepository groups;
    private final MemberRepository members;

    GroupService(Pool pool, GroupRepository groups, MemberRepository members) {
        this.pool = pool;
        this.groups = groups;
        this.members = members;
    }

    public Uni<Group> create(Caller caller, GroupDraft draft) {
        validate(draft);
        String tenant = caller.tenant();
        String id = UUID.randomUUID().toString();
        return pool.withTransaction(tx -> checked(tx, tenant, null, draft).chain(memberIds -> {
                    Instant now = Times.now();
                    Group g = new Group(tenant, id, draft.displayName().trim(), draft.externalId(),
                            placeholders(memberIds), 1, now, now);
                    return groups.insert(tx, g).chain(() -> groups.find(tx, tenant, id, false)).map(Optional::orElseThrow);
                }))
                .onFailure().transform(Db.uniqueViolationAs(taken(draft.displayName())))
                .invoke(g -> Log.infof("group %s (%s) created in %s by %s:%s", g.id(), g.displayName(), tenant,
                        caller.principalType(), caller.principalId()));
    }

    public Uni<Group> get(Caller caller, String id) {
        return groups.find(pool, caller.tenant(), id, false).map(g -> g.orElseThrow(() -> notFound(id)));
    }

    /** Applies a change (SCIM PUT or PATCH) to the group as it is now, under a row lock. */
    public Uni<Group> change(Caller caller, String id, Function<Group, GroupDraft> mutation) {
        String tenant = caller.tenant();
        return pool.withTransaction(tx -> groups.find(tx, tenant, id, true).chain(found -> {
                    Group before = found.orElseThrow(() -> notFound(id));
                    GroupDraft draft = mutation.apply(before);
                    validate(draft);
                    return checked(tx, tenant, id, draft).chain(memberIds -> {
                        Group after = before.with(draft.displayName().trim(), draft.externalId(),
                                placeholders(memberIds));
                        if (after.displayName().equals(before.displayName())
                                && Objects.equals(after.externalId(), before.externalId())
                                && after.memberIds().equals(before.memberIds())) {
                            return Uni.createFrom().item(before);
                        }
                        return groups.update(tx, after.touched(Times.now()))
                                .chain(() -> groups.find(tx, tenant, id, false)).map(Optional::orElseThrow);
                    });
                }))
                .onFailure().transform(Db.uniqueViolationAs("A group with this displayName already exists."));
    }

    public Uni<Void> delete(Caller caller, String id) {
        return pool.withTransaction(tx -> groups.delete(tx, caller.tenant(), id)).map(deleted -> {
            if (!deleted) {
                throw notFound(id);
            }
            Log.infof("group %s of %s deleted by %s:%s", id, caller.tenant(), caller.principalType(),
                    caller.principalId());
            return null;
        });
    }

    private static void validate(GroupDraft draft) {
        if (draft.displayName() == null || draft.displayName().isBlank()) {
            throw ProblemException.invalid("displayName", "displayName is required");
        }
        if (draft.displayName().length() > MAX_DISPLAY_NAME) {
            throw ProblemException.invalid("displayName", "displayName must be at most " + MAX_DISPLAY_NAME
                    + " characters");
        }
    }

    /** Checks uniqueness and membership; answers the member ids (deduplicated, in the order given). */
    private Uni<List<String>> checked(SqlConnection tx, String tenant, String exceptId, GroupDraft draft) {
        List<String> ids = new ArrayList<>(new LinkedHashSet<>(draft.memberIds()));
        return groups.displayNameTaken(tx, tenant, draft.displayName().trim(), exceptId).chain(isTaken -> {
            if (isTaken) {
                return Uni.createFrom().failure(ProblemException.conflict(taken(draft.displayName())));
            }
            return ids.isEmpty() ? Uni.createFrom().item(List.<String>of()) : members.existing(tx, tenant, ids);
        }).map(existing -> {
            List<String> unknown = ids.stream().filter(i -> !existing.contains(i)).toList();
            if (!unknown.isEmpty()) {
                throw ProblemException.invalid("members", "not members of this tenant: " + String.join(", ", unknown));
            }
            return ids;
        });
    }

    private static List<Group.GroupMember> placeholders(List<String> ids) {
        return ids.stream().map(i -> new Group.GroupMember(i, null)).toList();
    }

    private static String taken(String displayName) {
        return "A group with displayName '" + displayName + "' already exists in this tenant.";
    }

    private static ProblemException notFound(String id) {
        return ProblemException.notFound("group", id);
    }
}
