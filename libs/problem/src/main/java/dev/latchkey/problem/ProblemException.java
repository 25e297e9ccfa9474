package dev.latchkey.problem;

import java.util.List;

/**
 * Thrown (or failed into a {@code Uni}) by services to answer with a problem. The detail is shown to the
 * caller: it must never carry a secret.
 */
public class ProblemException extends RuntimeException {
    private final Problem problem;

    public ProblemException(Problem problem) {
        super(problem.title() + ": " + problem.detail(), null, false, false);
        this.problem = problem;
    }

    public Problem problem() {
        return problem;
    }

    public static ProblemException badRequest(String detail) {
        return new ProblemException(Problem.of("bad-request", "Bad request", 400, detail));
    }

    /** A 400 listing what is wrong with which fields. */
    public static ProblemException invalid(List<Problem.FieldError> errors) {
        String detail = errors.size() == 1 ? errors.get(0).field() + ": " + errors.get(0).message()
                : errors.size() + " fields are invalid";
        return new ProblemException(Problem.of("validation", "Invalid request", 400, detail).withErrors(errors));
    }

    public static ProblemException invalid(String field, String message) {
        return invalid(List.of(new Problem.FieldError(field, message)));
    }

    public static ProblemException unauthorized(String detail) {
        return new ProblemException(Problem.of("unauthorized", "Unauthorized", 401, detail));
    }

    public static ProblemException forbidden(String detail) {
        return new ProblemException(Problem.of("forbidden", "Forbidden", 403, detail));
    }

    /** Also the answer for another tenant's ids (DESIGN.md §3): never reveal that they exist. */
    public static ProblemException notFound(String what, String id) {
        return new ProblemException(Problem.of("not-found", "Not found", 404, what + " " + id + " does not exist"));
    }

    public static ProblemException conflict(String detail) {
        return new ProblemException(Problem.of("conflict", "Conflict", 409, detail));
    }

    /** A request that is well-formed but breaks a rule of the tenant (a policy, a limit). */
    public static ProblemException policy(String slug, String detail) {
        return new ProblemException(Problem.of(slug, "Refused by policy", 422, detail));
    }
}
