package dev.latchkey.directory.scim;

import com.fasterxml.jackson.databind.JsonNode;
import dev.latchkey.directory.repository.Group;
import dev.latchkey.directory.service.GroupDraft;

import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Applies a SCIM PatchOp (RFC 7644 §3.5.2) to a group, in the shapes identity providers send:
 * <ul>
 *   <li>Okta: {@code {"op":"add","path":"members","value":[{"value":"<id>"}]}},
 *       {@code {"op":"remove","path":"members[value eq \"<id>\"]"}},
 *       {@code {"op":"replace","value":{"id":"…","displayName":"…"}}};</li>
 *   <li>Entra ID: {@code {"op":"Add","path":"members","value":[…]}}, {@code {"op":"Remove","path":"members",
 *       "value":[{"value":"<id>"}]}}, {@code {"op":"Replace","path":"displayName","value":"…"}}.</li>
 * </ul>
 * Attributes Latchkey does not keep are ignored, like for Users.
 */
final class ScimGroupPatch {
    private static final Pattern MEMBER_FILTER =
            Pattern.compile("^members\\[\\s*value\\s+eq\\s+\"([^\"]+)\"\\s*]$", Pattern.CASE_INSENSITIVE);

    private String displayName;
    private String externalId;
    private final Set<String> members;

    private ScimGroupPatch(Group g) {
        displayName = g.displayName();
        externalId = g.externalId();
        members = new LinkedHashSet<>(g.memberIds());
    }

    static GroupDraft apply(Group g, JsonNode body) {
        ScimPatch.validate(body);
        ScimGroupPatch p = new ScimGroupPatch(g);
        for (JsonNode op : body.get("Operations")) {
            String name = op.path("op").asText().toLowerCase(Locale.ROOT);
            String path = op.path("path").isTextual() ? op.path("path").textValue().trim() : null;
            JsonNode value = op.get("value");
            if (path == null || path.isEmpty()) {
                if (value == null || !value.isObject()) {
                    throw ScimException.invalidValue("An operation without a path needs an object value.");
                }
                for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> f = it.next();
                    p.apply(name, f.getKey(), f.getValue());
                }
            } else {
                p.apply(name, path, value);
            }
        }
        return new GroupDraft(p.displayName, p.externalId, List.copyOf(p.members));
    }

    private void apply(String op, String path, JsonNode value) {
        String a = path;
        if (a.regionMatches(true, 0, Scim.GROUP_SCHEMA + ":", 0, Scim.GROUP_SCHEMA.length() + 1)) {
            a = a.substring(Scim.GROUP_SCHEMA.length() + 1);
        }
        Matcher one = MEMBER_FILTER.matcher(a);
        if (one.matches()) {
            if (!op.equals("remove")) {
                throw ScimException.invalidPath("members[value eq \"…\"] can only be removed; add members with "
                        + "path \"members\".");
            }
            members.remove(one.group(1));
            return;
        }
        switch (a.toLowerCase(Locale.ROOT)) {
            case "displayname" -> {
                if (op.equals("remove")) {
                    throw new ScimException(400, "mutability", "displayName cannot be removed.");
                }
                displayName = string(value, "displayName");
            }
            case "externalid" -> externalId = op.equals("remove") ? null : string(value, "externalId");
            case "members" -> {
                switch (op) {
                    case "add" -> members.addAll(ScimGroupMapper.memberIds(value));
                    case "replace" -> {
                        members.clear();
                        members.addAll(ScimGroupMapper.memberIds(value));
                    }
                    default -> {
                        if (value == null || value.isNull()) {
                            members.clear();
                        } else {
                            ScimGroupMapper.memberIds(value).forEach(members::remove);
                        }
                    }
                }
            }
            default -> {
                // id, schemas, meta, or an attribute Latchkey does not keep
            }
        }
    }

    private static String string(JsonNode v, String attribute) {
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isValueNode()) {
            throw ScimException.invalidValue(attribute + " must be a string.");
        }
        return v.asText();
    }
}
