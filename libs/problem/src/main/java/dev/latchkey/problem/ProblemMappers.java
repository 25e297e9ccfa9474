package dev.latchkey.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.quarkus.logging.Log;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Every error of every management API leaves as {@code application/problem+json}: our own problems, bean
 * validation, JSON the mapper cannot read, JAX-RS errors, and, last, anything unexpected (a 500 whose body
 * names only an incident id, never a stack trace or a message that could carry input).
 */
public class ProblemMappers {

    @ServerExceptionMapper
    public Response problem(ProblemException e) {
        return respond(e.problem());
    }

    @ServerExceptionMapper
    public Response validation(ConstraintViolationException e) {
        List<Problem.FieldError> errors = e.getConstraintViolations().stream()
                .map(v -> new Problem.FieldError(fieldOf(v), v.getMessage()))
                .sorted(Comparator.comparing(Problem.FieldError::field))
                .toList();
        return respond(ProblemException.invalid(errors).problem());
    }

    @ServerExceptionMapper(priority = 1)
    public Response unknownField(UnrecognizedPropertyException e) {
        return respond(ProblemException.invalid(pathOf(e), "unknown field").problem());
    }

    @ServerExceptionMapper(priority = 1)
    public Response wrongType(InvalidFormatException e) {
        return respond(ProblemException.invalid(pathOf(e),
                "must be of type " + e.getTargetType().getSimpleName()).problem());
    }

    @ServerExceptionMapper(priority = 2)
    public Response mismatch(MismatchedInputException e) {
        String field = pathOf(e);
        if (field.isEmpty()) {
            return respond(ProblemException.badRequest("the request body does not have the expected JSON shape").problem());
        }
        return respond(ProblemException.invalid(field, "has the wrong JSON type").problem());
    }

    @ServerExceptionMapper(priority = 3)
    public Response malformed(JsonProcessingException e) {
        String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr()
                + ", column " + e.getLocation().getColumnNr();
        return respond(ProblemException.badRequest("the request body is not valid JSON" + where).problem());
    }

    private Response fromJson(JsonProcessingException e) {
        if (e instanceof UnrecognizedPropertyException u) {
            return unknownField(u);
        }
        if (e instanceof InvalidFormatException i) {
            return wrongType(i);
        }
        if (e instanceof MismatchedInputException m) {
            return mismatch(m);
        }
        return malformed(e);
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        if (e.getCause() instanceof JsonProcessingException json) {
            return fromJson(json);
        }
        if (status >= 500) {
            return unexpected(e);
        }
        Response.StatusType type = Response.Status.fromStatusCode(status);
        String title = type == null ? "Error" : type.getReasonPhrase();
        String detail = switch (status) {
            case 404 -> "no resource at this path";
            case 405 -> "this method is not allowed on this resource";
            case 406 -> "no acceptable representation; this API answers application/json";
            case 413 -> "the request body is too large";
            case 415 -> "unsupported content type; send application/json";
            default -> title;
        };
        Response.ResponseBuilder builder = Response.fromResponse(e.getResponse()).entity(
                Problem.of(slug(title), title, status, detail)).type(Problem.MEDIA_TYPE);
        return builder.build();
    }

    @ServerExceptionMapper(priority = 10000)
    public Response unexpected(Throwable e) {
        return respond(unexpectedProblem(e));
    }

    /**
     * The 500 problem of an unexpected error, logged with an incident id that the answer names and nothing else: for
     * routes outside Quarkus REST too.
     */
    public static Problem unexpectedProblem(Throwable e) {
        String incident = UUID.randomUUID().toString();
        Log.errorf(e, "unexpected error, incident %s", incident);
        return Problem.of("internal", "Internal error", 500,
                "an unexpected error occurred; quote incident " + incident + " to the operator");
    }

    static Response respond(Problem problem) {
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem).build();
    }

    private static String slug(String title) {
        return title.toLowerCase().replaceAll("[^a-z0-9]+", "-");
    }

    private static String pathOf(JsonMappingException e) {
        List<String> parts = new ArrayList<>();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                parts.add(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                parts.add("[" + ref.getIndex() + "]");
            }
        }
        return String.join(".", parts).replace(".[", "[");
    }

    /** {@code create.request.name} → {@code name}: drop the method and parameter names. */
    private static String fieldOf(ConstraintViolation<?> v) {
        List<String> nodes = new ArrayList<>();
        for (Path.Node node : v.getPropertyPath()) {
            switch (node.getKind()) {
                case METHOD, PARAMETER, CONSTRUCTOR, CROSS_PARAMETER, RETURN_VALUE -> { }
                default -> nodes.add(node.getIndex() != null ? node.getName() + "[" + node.getIndex() + "]" : node.getName());
            }
        }
        String field = nodes.stream().filter(n -> n != null).collect(Collectors.joining("."));
        return field.isEmpty() ? "body" : field;
    }
}
