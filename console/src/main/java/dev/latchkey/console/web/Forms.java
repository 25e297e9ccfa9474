package dev.latchkey.console.web;

import dev.latchkey.console.api.ApiProblem;

import java.util.List;
import java.util.Map;

/** Reading form fields that the APIs want as numbers. */
final class Forms {
    private Forms() {
    }

    static long integer(String field, String value) {
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            String message = "'" + value + "' is not a whole number";
            throw new ApiProblem(400, "about:blank", "Invalid " + field, message,
                    List.of(Map.of("field", field, "message", message)));
        }
    }
}
