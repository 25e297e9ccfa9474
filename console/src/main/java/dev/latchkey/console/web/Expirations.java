package dev.latchkey.console.web;

import dev.latchkey.console.api.ApiProblem;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The expiration choices of the token dialogs, narrowed by the tenant's token policy (a choice the policy forbids
 * is not offered), and their translation into token-service's {@code expiration}/{@code expiresAt}.
 */
public final class Expirations {
    public record Choice(String value, String label) {
    }

    private static final List<Integer> DAYS = List.of(7, 30, 60, 90);

    private Expirations() {
    }

    /** Choices for {@code policy} (token-service's {@code GET /token-policy}); {@code custom} = a date picker. */
    public static List<Choice> offered(Map<String, Object> policy) {
        Integer max = policy.get("maxLifetimeDays") instanceof Number n ? n.intValue() : null;
        boolean noneAllowed = max == null && !Boolean.FALSE.equals(policy.get("allowNoExpiration"));
        List<Choice> out = new ArrayList<>();
        for (int d : DAYS) {
            if (max == null || d <= max) {
                out.add(new Choice(d + "d", d + " days"));
            }
        }
        if (noneAllowed) {
            out.add(new Choice("none", "No expiration"));
        }
        out.add(new Choice("custom", "Custom date…"));
        return out;
    }

    /** The latest date the custom picker may offer ({@code yyyy-MM-dd}), or null without a maximum. */
    public static String latestCustomDate(Map<String, Object> policy) {
        return policy.get("maxLifetimeDays") instanceof Number n
                ? LocalDate.now(ZoneOffset.UTC).plusDays(n.longValue()).toString() : null;
    }

    /**
     * The request fields for {@code choice} ({@code 7d 30d 60d 90d none custom}, blank = leave as it is) and, for
     * {@code custom}, {@code date} ({@code yyyy-MM-dd}, the token expires at the end of that day, UTC).
     */
    public static Map<String, Object> fields(String choice, String date) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (choice == null || choice.isBlank()) {
            return out;
        }
        if ("custom".equals(choice)) {
            if (date == null || date.isBlank()) {
                throw invalid("choose the date the token expires");
            }
            try {
                out.put("expiresAt", LocalDate.parse(date).plusDays(1).atStartOfDay().atOffset(ZoneOffset.UTC)
                        .minusSeconds(1).toString());
            } catch (DateTimeParseException e) {
                throw invalid("'" + date + "' is not a date (yyyy-mm-dd)");
            }
        } else {
            out.put("expiration", choice);
        }
        return out;
    }

    private static ApiProblem invalid(String message) {
        return new ApiProblem(400, "about:blank", "Invalid expiration", message,
                List.of(Map.of("field", "expiresAt", "message", message)));
    }
}
