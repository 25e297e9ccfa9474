package dev.latchkey.console.api;

import java.util.List;
import java.util.Map;

/**
 * A Latchkey API answered with an error: its RFC 9457 problem detail (or what could be made of a body that was
 * not one). Shown to the person as it is; it never holds a secret because the APIs never put one in an error.
 */
public class ApiProblem extends RuntimeException {
    private final int status;
    private final String type;
    private final String title;
    private final String detail;
    private final List<Map<String, Object>> errors;

    public ApiProblem(int status, String type, String title, String detail, List<Map<String, Object>> errors) {
        super(status + " " + title, null, false, false);
        this.status = status;
        this.type = type;
        this.title = title;
        this.detail = detail;
        this.errors = errors == null ? List.of() : errors;
    }

    public int status() {
        return status;
    }

    public String type() {
        return type;
    }

    public String title() {
        return title;
    }

    public String detail() {
        return detail;
    }

    public List<Map<String, Object>> errors() {
        return errors;
    }

    /** Whether the problem type ends with {@code name} (types are URLs like {@code …/problems/<name>}). */
    public boolean is(String name) {
        return type != null && (type.equals(name) || type.endsWith("/" + name));
    }
}
