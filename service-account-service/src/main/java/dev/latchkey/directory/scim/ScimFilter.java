package dev.latchkey.directory.scim;

import dev.latchkey.directory.repository.Member;
import dev.latchkey.directory.repository.MemberRepository.Criterion;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The SCIM filters identity providers send to find a user before creating it (RFC 7644 §3.4.2.2): {@code eq}
 * comparisons of {@code userName}, {@code emails.value} (also {@code emails[type eq "work"].value}),
 * {@code externalId}, {@code id}, {@code displayName} and {@code active}, joined by {@code and}. Anything else is an
 * {@code invalidFilter} error naming what is supported.
 */
public final class ScimFilter {
    static final String GRAMMAR = "supported: <attribute> eq <value> [and …]";
    static final String SUPPORTED = "supported: <attribute> eq <value> [and …] with userName, emails.value, "
            + "externalId, id, displayName, active";

    private final String text;
    private int pos;

    private ScimFilter(String text) {
        this.text = text;
    }

    /**
     * One {@code <attribute> eq <value>} of a filter: {@code attribute} lower-cased, without a core schema URN prefix;
     * {@code value} a String or a Boolean.
     */
    public record Comparison(String attribute, String original, Object value) {
    }

    /** A Users filter as SQL criteria. */
    public static List<Criterion> parse(String filter) {
        return comparisons(filter).stream().map(ScimFilter::userCriterion).toList();
    }

    /** The comparisons of a filter, for any resource type (each maps the attributes it supports). */
    public static List<Comparison> comparisons(String filter) {
        if (filter == null || filter.isBlank()) {
            return List.of();
        }
        return new ScimFilter(filter.trim()).criteria();
    }

    private List<Comparison> criteria() {
        List<Comparison> out = new ArrayList<>();
        while (true) {
            out.add(comparison());
            skipSpaces();
            if (pos >= text.length()) {
                return out;
            }
            String word = word();
            if (!"and".equalsIgnoreCase(word)) {
                throw ScimException.invalidFilter("Unsupported filter near '" + word + "': " + GRAMMAR);
            }
        }
    }

    private Comparison comparison() {
        skipSpaces();
        String attribute = attributePath();
        skipSpaces();
        String op = word();
        if (!"eq".equalsIgnoreCase(op)) {
            throw ScimException.invalidFilter("Unsupported operator '" + op + "': " + GRAMMAR);
        }
        skipSpaces();
        Object value = value();
        String a = attribute.toLowerCase(Locale.ROOT);
        for (String schema : new String[]{Scim.USER_SCHEMA, Scim.GROUP_SCHEMA}) {
            if (a.startsWith(schema.toLowerCase(Locale.ROOT) + ":")) {
                a = a.substring(schema.length() + 1);
            }
        }
        return new Comparison(a, attribute, value);
    }

    private static Criterion userCriterion(Comparison c) {
        String attribute = c.original();
        Object value = c.value();
        return switch (c.attribute()) {
            case "username" -> new Criterion("user_name", string(value, attribute), true);
            case "emails.value", "emails", "emails[type eq \"work\"].value", "emails[primary eq true].value" ->
                    new Criterion("email", string(value, attribute), true);
            case "externalid" -> new Criterion("external_id", string(value, attribute), false);
            case "id" -> new Criterion("id", string(value, attribute), false);
            case "displayname" -> new Criterion("display_name", string(value, attribute), false);
            case "active" -> {
                if (!(value instanceof Boolean b)) {
                    throw ScimException.invalidFilter("active compares with true or false");
                }
                yield new Criterion("status", b ? Member.ACTIVE : Member.DISABLED, false);
            }
            default -> throw ScimException.invalidFilter("Unsupported attribute '" + attribute + "': " + SUPPORTED);
        };
    }

    static String string(Object value, String attribute) {
        if (!(value instanceof String s)) {
            throw ScimException.invalidFilter(attribute + " compares with a quoted string");
        }
        return s;
    }

    private String attributePath() {
        int start = pos;
        while (pos < text.length() && !Character.isWhitespace(text.charAt(pos))) {
            if (text.charAt(pos) == '[') {
                int close = text.indexOf(']', pos);
                if (close < 0) {
                    throw ScimException.invalidFilter("Unclosed '[' in the filter");
                }
                pos = close;
            }
            pos++;
        }
        if (start == pos) {
            throw ScimException.invalidFilter("An attribute is missing: " + GRAMMAR);
        }
        return text.substring(start, pos);
    }

    private String word() {
        int start = pos;
        while (pos < text.length() && !Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
        return text.substring(start, pos);
    }

    private Object value() {
        if (pos < text.length() && text.charAt(pos) == '"') {
            StringBuilder s = new StringBuilder();
            pos++;
            while (pos < text.length()) {
                char c = text.charAt(pos++);
                if (c == '\\' && pos < text.length()) {
                    s.append(text.charAt(pos++));
                } else if (c == '"') {
                    return s.toString();
                } else {
                    s.append(c);
                }
            }
            throw ScimException.invalidFilter("Unterminated string in the filter");
        }
        String w = word();
        return switch (w.toLowerCase(Locale.ROOT)) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> throw ScimException.invalidFilter("Unsupported value '" + w + "': quote strings, "
                    + "use true or false for active");
        };
    }

    private void skipSpaces() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
    }
}
