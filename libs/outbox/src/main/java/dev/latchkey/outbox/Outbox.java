package dev.latchkey.outbox;

import dev.latchkey.events.EventEnvelope;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.ZoneOffset;
import java.util.List;

/**
 * Writes events into the {@code outbox} table on the caller's connection, so they commit or roll back with
 * the change they describe. {@link OutboxRelay} publishes them.
 */
@ApplicationScoped
public class Outbox {
    private static final String INSERT = """
            INSERT INTO outbox (event_id, source, type, subject, tenant, event_time, topic, record_key, data)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)""";

    /** Appends {@code event}; call inside the transaction that makes the change. */
    public Uni<Void> append(SqlConnection tx, EventEnvelope event) {
        return tx.preparedQuery(INSERT).execute(tuple(event)).replaceWithVoid();
    }

    /** Appends several events, in order, in one round trip. */
    public Uni<Void> append(SqlConnection tx, List<EventEnvelope> events) {
        if (events.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return tx.preparedQuery(INSERT).executeBatch(events.stream().map(Outbox::tuple).toList()).replaceWithVoid();
    }

    private static Tuple tuple(EventEnvelope e) {
        return Tuple.from(new Object[]{e.id(), e.source(), e.type(), e.subject(), e.tenant(),
                e.time().atOffset(ZoneOffset.UTC), e.topic(), e.key(), e.data()});
    }
}
