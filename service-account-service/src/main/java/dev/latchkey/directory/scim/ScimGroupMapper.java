package dev.latchkey.directory.scim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.latchkey.directory.repository.Group;
import dev.latchkey.directory.service.GroupDraft;

import java.util.ArrayList;
import java.util.List;

/** Groups ↔ SCIM {@code Group} resources (RFC 7643 §4.2). Members are Users only (no nested groups). */
final class ScimGroupMapper {
    private ScimGroupMapper() {
    }

    /**
     * @param usersBase the absolute URL of {@code /scim/v2/Users} (members' {@code $ref})
     * @param withMembers {@code false} for {@code excludedAttributes=members} (providers ask so on large groups)
     */
    static ObjectNode toScim(Group g, String location, String usersBase, boolean withMembers) {
        ObjectNode n = Scim.object(Scim.GROUP_SCHEMA);
        n.put("id", g.id());
        if (g.externalId() != null) {
            n.put("externalId", g.externalId());
        }
        n.put("displayName", g.displayName());
        if (withMembers) {
            ArrayNode members = n.putArray("members");
            for (Group.GroupMember m : g.members()) {
                ObjectNode e = members.addObject();
                e.put("value", m.id());
                e.put("$ref", usersBase + "/" + m.id());
                e.put("type", "User");
                if (m.display() != null) {
                    e.put("display", m.display());
                }
            }
        }
        ObjectNode meta = n.putObject("meta");
        meta.put("resourceType", "Group");
        meta.put("created", g.createdAt().toString());
        meta.put("lastModified", g.updatedAt().toString());
        meta.put("location", location);
        meta.put("version", "W/\"" + g.version() + "\"");
        return n;
    }

    /** A full Group resource (POST, PUT) → the draft. */
    static GroupDraft fromScim(JsonNode n) {
        String displayName = ScimUserMapper.text(n, "displayName");
        if (displayName == null || displayName.isBlank()) {
            throw ScimException.invalidValue("displayName is required.");
        }
        return new GroupDraft(displayName, ScimUserMapper.text(n, "externalId"), memberIds(n.get("members")));
    }

    /** {@code [{"value":"<member id>", …}, …]} (or one such object) → the ids. */
    static List<String> memberIds(JsonNode members) {
        List<String> ids = new ArrayList<>();
        if (members == null || members.isNull()) {
            return ids;
        }
        if (members.isObject()) {
            members = Scim.JSON.createArrayNode().add(members);
        }
        if (!members.isArray()) {
            throw ScimException.invalidValue("members must be an array of {\"value\": \"<user id>\"}.");
        }
        for (JsonNode m : members) {
            JsonNode v = m.get("value");
            if (v == null || !v.isTextual() || v.textValue().isBlank()) {
                throw ScimException.invalidValue("Each member needs a value: the id of a User.");
            }
            ids.add(v.textValue());
        }
        return ids;
    }
}
