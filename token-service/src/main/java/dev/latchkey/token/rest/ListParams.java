package dev.latchkey.token.rest;

import dev.latchkey.problem.Problem.FieldError;
import dev.latchkey.problem.ProblemException;
import dev.latchkey.token.repository.PageCursor;
import dev.latchkey.token.repository.Token;
import jakarta.ws.rs.core.UriInfo;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Query parameters of lists: validation and the {@code next} link. */
final class ListParams {
    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 200;

    private ListParams() {
    }

    static int limit(Integer limit) {
        if (limit == null) {
            return DEFAULT_LIMIT;
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw ProblemException.invalid("limit", "must be between 1 and " + MAX_LIMIT);
        }
        return limit;
    }

    static PageCursor cursor(String cursor) {
        if (cursor == null || cursor.isEmpty()) {
            return null;
        }
        PageCursor c = PageCursor.decode(cursor);
        if (c == null) {
            throw ProblemException.invalid("cursor", "is not a cursor this API gave out");
        }
        return c;
    }

    static String status(String status) {
        if (status == null || status.isEmpty()) {
            return null;
        }
        if (!Set.of(Token.ACTIVE, Token.EXPIRED, Token.REVOKED).contains(status)) {
            throw ProblemException.invalid("status", "must be active, expired or revoked");
        }
        return status;
    }

    static String ownerType(String type) {
        if (type != null && !type.equals(Token.OWNER_MEMBER) && !type.equals(Token.OWNER_SERVICE_ACCOUNT)) {
            throw ProblemException.invalid("ownerType", "must be member or service_account");
        }
        return type;
    }

    static Instant time(String field, String value, List<FieldError> errors) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            errors.add(new FieldError(field, "must be an RFC 3339 time, e.g. 2026-12-31T00:00:00Z"));
            return null;
        }
    }

    static List<FieldError> errors() {
        return new ArrayList<>();
    }

    static String next(UriInfo uri, PageCursor next) {
        return next == null ? null : uri.getRequestUriBuilder().replaceQueryParam("cursor", next.encode()).build().toString();
    }
}
