package dev.latchkey.directory.scim;

import com.fasterxml.jackson.databind.JsonNode;
import dev.latchkey.directory.repository.Member;

import java.util.Iterator;
import java.util.Locale;
import java.util.Map;

/**
 * Applies a SCIM PatchOp (RFC 7644 §3.5.2) to a member, in the shapes identity providers send: Okta
 * {@code {"op":"replace","value":{"active":false}}} (no path, value an object of attributes) and Entra ID
 * {@code {"op":"Replace","path":"active","value":"False"}} (op in any case, booleans as strings). Attributes Latchkey
 * does not keep (e.g. {@code title}, {@code locale}) are ignored so a provider's extra mappings do not break
 * provisioning.
 */
final class ScimPatch {
    private String userName;
    private String email;
    private String displayName;
    private String givenName;
    private String familyName;
    private String externalId;
    private boolean active;

    private ScimPatch(Member m) {
        userName = m.userName();
        email = m.email();
        displayName = m.displayName();
        givenName = m.givenName();
        familyName = m.familyName();
        externalId = m.externalId();
        active = m.isActive();
    }

    static void validate(JsonNode body) {
        JsonNode ops = body.get("Operations");
        if (ops == null || !ops.isArray() || ops.isEmpty()) {
            throw ScimException.invalidSyntax("A PatchOp needs a non-empty Operations array.");
        }
        for (JsonNode op : ops) {
            String name = op.path("op").asText("").toLowerCase(Locale.ROOT);
            if (!name.equals("add") && !name.equals("replace") && !name.equals("remove")) {
                throw ScimException.invalidSyntax("op must be add, replace or remove.");
            }
            if (name.equals("remove") && op.path("path").asText("").isEmpty()) {
                throw new ScimException(400, "noTarget", "remove needs a path.");
            }
        }
    }

    static Member apply(Member m, JsonNode body) {
        ScimPatch p = new ScimPatch(m);
        for (JsonNode op : body.get("Operations")) {
            String name = op.path("op").asText().toLowerCase(Locale.ROOT);
            String path = op.path("path").isTextual() ? op.path("path").textValue() : null;
            JsonNode value = op.get("value");
            if (path == null || path.isBlank()) {
                if (value == null || !value.isObject()) {
                    throw ScimException.invalidValue("An operation without a path needs an object value.");
                }
                for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> f = it.next();
                    p.set(f.getKey(), f.getValue());
                }
            } else if (name.equals("remove")) {
                p.set(path, null);
            } else {
                p.set(path, value);
            }
        }
        if (p.userName == null || p.userName.isBlank()) {
            throw new ScimException(400, "mutability", "userName cannot be removed.");
        }
        Member changed = m.withProfile(p.userName.trim(), p.email, p.displayName, p.givenName, p.familyName,
                p.externalId);
        return changed.withStatus(p.active ? Member.ACTIVE : Member.DISABLED);
    }

    private void set(String path, JsonNode value) {
        String a = path.trim();
        if (a.regionMatches(true, 0, Scim.USER_SCHEMA + ":", 0, Scim.USER_SCHEMA.length() + 1)) {
            a = a.substring(Scim.USER_SCHEMA.length() + 1);
        }
        String key = a.toLowerCase(Locale.ROOT).replace(" ", "");
        switch (key) {
            case "active" -> active = value != null && ScimUserMapper.bool(value, "active");
            case "username" -> userName = string(value, "userName");
            case "displayname" -> displayName = string(value, "displayName");
            case "externalid" -> externalId = string(value, "externalId");
            case "name.givenname" -> givenName = string(value, "name.givenName");
            case "name.familyname" -> familyName = string(value, "name.familyName");
            case "name" -> {
                givenName = value == null ? null : ScimUserMapper.text(value, "givenName");
                familyName = value == null ? null : ScimUserMapper.text(value, "familyName");
            }
            case "emails" -> email = value == null ? null : ScimUserMapper.email(value.isArray() ? value
                    : Scim.JSON.createArrayNode().add(value));
            default -> {
                if (key.startsWith("emails[") && (key.endsWith("].value") || key.endsWith("]"))) {
                    email = string(value, "emails.value");
                }
                // anything else: an attribute Latchkey does not keep
            }
        }
    }

    private static String string(JsonNode v, String attribute) {
        if (v == null || v.isNull()) {
            return null;
        }
        if (v.isArray() && v.size() == 1 && v.get(0).isObject()) {
            v = v.get(0).get("value");
            return v == null ? null : v.asText();
        }
        if (!v.isValueNode()) {
            throw ScimException.invalidValue(attribute + " must be a string.");
        }
        return v.asText();
    }
}
