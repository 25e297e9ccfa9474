package dev.latchkey.verifier.quarkus;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

import java.util.function.Supplier;

/**
 * Asynchronous verification completes on whatever thread answered it: the HTTP client's, or the Vert.x context of
 * another request whose look-up this one joined. A request must go on in its own context (its request scope lives
 * there), so results are handed back to the context that asked.
 */
public final class VertxContexts {

    /** Runs {@code work} at subscription and emits its outcome on the subscriber's Vert.x context, if it has one. */
    public static <T> Uni<T> onCallersContext(Supplier<Uni<T>> work) {
        return Uni.createFrom().deferred(() -> {
            Context caller = Vertx.currentContext();
            Uni<T> result = work.get();
            return caller == null ? result : result.emitOn(task -> {
                if (Vertx.currentContext() == caller) {
                    task.run();
                } else {
                    caller.runOnContext(ignored -> task.run());
                }
            });
        });
    }

    private VertxContexts() {
    }
}
