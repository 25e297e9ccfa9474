package dev.latchkey.directory.service;

import dev.latchkey.problem.ProblemException;
import io.vertx.pgclient.PgException;

import java.util.function.Function;

/** Turns a unique-index violation that slipped past a check (a concurrent create) into a 409. */
final class Db {
    private Db() {
    }

    static Function<Throwable, Throwable> uniqueViolationAs(String detail) {
        return t -> t instanceof PgException pg && "23505".equals(pg.getSqlState()) ? ProblemException.conflict(detail) : t;
    }
}
