package dev.latchkey.outbox;

import dev.latchkey.events.Actor;
import dev.latchkey.events.EventEnvelope;
import dev.latchkey.events.Target;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;

/** A stand-in for a service's write path: a change and its event in one transaction. */
@ApplicationScoped
public class WidgetService {
    private final Pool pool;
    private final Outbox outbox;

    WidgetService(Pool pool, Outbox outbox) {
        this.pool = pool;
        this.outbox = outbox;
    }

    public Uni<Void> create(String id, String name, int sequence, boolean failAfterWriting) {
        WidgetCreated data = new WidgetCreated("SP-1-01", new Actor("member", "m1"), new Target("widget", id),
                Instant.now(), name, sequence);
        return pool.withTransaction(tx -> tx.preparedQuery("INSERT INTO widget (id, name) VALUES ($1, $2)")
                .execute(Tuple.of(id, name))
                .chain(() -> outbox.append(tx, EventEnvelope.of("/outbox-test", WidgetCreated.TYPE, data).withKey(name)))
                .chain(() -> failAfterWriting
                        ? Uni.createFrom().failure(new IllegalStateException("the change failed"))
                        : Uni.createFrom().voidItem()));
    }
}
