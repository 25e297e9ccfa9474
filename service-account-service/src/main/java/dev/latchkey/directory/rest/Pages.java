package dev.latchkey.directory.rest;

import dev.latchkey.directory.repository.PageCursor;
import dev.latchkey.directory.rest.model.Page;
import dev.latchkey.problem.ProblemException;
import jakarta.ws.rs.core.UriInfo;

import java.util.List;
import java.util.function.Function;

/** Cursor pagination of the management APIs: {@code limit} (default 50, max 200), opaque {@code cursor}. */
final class Pages {
    static final int DEFAULT = 50;
    static final int MAX = 200;

    private Pages() {
    }

    static int limit(Integer limit) {
        int size = limit == null ? DEFAULT : limit;
        if (size < 1 || size > MAX) {
            throw ProblemException.invalid("limit", "must be between 1 and " + MAX);
        }
        return size;
    }

    static PageCursor cursor(String cursor) {
        if (cursor == null || cursor.isEmpty()) {
            return null;
        }
        PageCursor c = PageCursor.decode(cursor);
        if (c == null) {
            throw ProblemException.invalid("cursor", "is not a cursor this API returned");
        }
        return c;
    }

    /** {@code rows} were fetched with {@code size + 1}: one more than the page means there is a next page. */
    static <R, V> Page<V> of(List<R> rows, int size, Function<R, V> view, Function<R, PageCursor> position,
                             UriInfo uri) {
        if (rows.size() <= size) {
            return new Page<>(rows.stream().map(view).toList(), null);
        }
        List<R> page = rows.subList(0, size);
        String next = uri.getAbsolutePathBuilder().queryParam("limit", size)
                .queryParam("cursor", position.apply(page.get(size - 1)).encode()).build().toString();
        return new Page<>(page.stream().map(view).toList(), next);
    }
}
