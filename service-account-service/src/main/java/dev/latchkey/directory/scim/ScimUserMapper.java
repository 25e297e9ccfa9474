package dev.latchkey.directory.scim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.latchkey.directory.repository.Member;
import dev.latchkey.directory.service.MemberDraft;

import java.util.Locale;

/** Members ↔ SCIM {@code User} resources (RFC 7643 §4.1). */
final class ScimUserMapper {
    private ScimUserMapper() {
    }

    static ObjectNode toScim(Member m, String location) {
        ObjectNode u = Scim.object(Scim.USER_SCHEMA);
        u.put("id", m.id());
        if (m.externalId() != null) {
            u.put("externalId", m.externalId());
        }
        u.put("userName", m.userName());
        if (m.givenName() != null || m.familyName() != null) {
            ObjectNode name = u.putObject("name");
            if (m.givenName() != null) {
                name.put("givenName", m.givenName());
            }
            if (m.familyName() != null) {
                name.put("familyName", m.familyName());
            }
            String formatted = ((m.givenName() == null ? "" : m.givenName()) + " "
                    + (m.familyName() == null ? "" : m.familyName())).trim();
            name.put("formatted", formatted);
        }
        if (m.shownName() != null) {
            u.put("displayName", m.shownName());
        }
        if (m.email() != null) {
            ObjectNode e = u.putArray("emails").addObject();
            e.put("value", m.email());
            e.put("type", "work");
            e.put("primary", true);
        }
        u.put("active", m.isActive());
        ObjectNode role = u.putArray("roles").addObject();
        role.put("value", m.role());
        role.put("primary", true);
        ObjectNode meta = u.putObject("meta");
        meta.put("resourceType", "User");
        meta.put("created", m.createdAt().toString());
        meta.put("lastModified", m.updatedAt().toString());
        meta.put("location", location);
        meta.put("version", "W/\"" + m.version() + "\"");
        return u;
    }

    /** A full User resource (POST, PUT) → the member's attributes. */
    static MemberDraft fromScim(JsonNode u) {
        String userName = text(u, "userName");
        if (userName == null || userName.isBlank()) {
            throw ScimException.invalidValue("userName is required.");
        }
        if (userName.length() > 256) {
            throw ScimException.invalidValue("userName must be at most 256 characters.");
        }
        JsonNode name = u.path("name");
        return new MemberDraft(userName.trim(), email(u.get("emails")), text(u, "displayName"),
                text(name, "givenName"), text(name, "familyName"), text(u, "externalId"), null,
                u.has("active") ? bool(u.get("active"), "active") : null);
    }

    /** The primary e-mail, else the first one. */
    static String email(JsonNode emails) {
        if (emails == null || emails.isNull()) {
            return null;
        }
        if (!emails.isArray()) {
            throw ScimException.invalidValue("emails must be an array of {value, type, primary}.");
        }
        String first = null;
        for (JsonNode e : emails) {
            String v = text(e, "value");
            if (v == null) {
                continue;
            }
            if (e.path("primary").asBoolean(false) || "true".equalsIgnoreCase(e.path("primary").asText())) {
                return v;
            }
            if (first == null) {
                first = v;
            }
        }
        return first;
    }

    /** SCIM booleans; Entra ID sends them as the strings "True" / "False". */
    static boolean bool(JsonNode v, String attribute) {
        if (v != null && v.isBoolean()) {
            return v.booleanValue();
        }
        if (v != null && v.isTextual()) {
            String s = v.textValue().trim().toLowerCase(Locale.ROOT);
            if (s.equals("true") || s.equals("false")) {
                return s.equals("true");
            }
        }
        throw ScimException.invalidValue(attribute + " must be true or false.");
    }

    static String text(JsonNode n, String field) {
        JsonNode v = n == null ? null : n.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isValueNode()) {
            throw ScimException.invalidValue(field + " must be a string.");
        }
        return v.asText();
    }
}
