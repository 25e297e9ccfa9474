package dev.latchkey.directory.repository;

import java.time.Instant;
import java.util.List;

/**
 * A SCIM group (team) of a tenant; {@code members} are the live (not deleted) members in it, with what to show for
 * each. {@code version} counts changes (SCIM {@code meta.version}).
 */
public record Group(String tenant, String id, String displayName, String externalId, List<GroupMember> members,
                    int version, Instant createdAt, Instant updatedAt) {

    /** A member in a group: id and the name to show ({@code display}). */
    public record GroupMember(String id, String display) {
    }

    public List<String> memberIds() {
        return members.stream().map(GroupMember::id).toList();
    }

    public Group with(String newDisplayName, String newExternalId, List<GroupMember> newMembers) {
        return new Group(tenant, id, newDisplayName, newExternalId, newMembers, version, createdAt, updatedAt);
    }

    public Group touched(Instant now) {
        return new Group(tenant, id, displayName, externalId, members, version + 1, createdAt, now);
    }
}
