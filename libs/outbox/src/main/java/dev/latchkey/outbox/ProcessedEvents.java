package dev.latchkey.outbox;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Makes a consumer idempotent on the CloudEvents id: inside the transaction that applies an event, call
 * {@link #firstDelivery}; apply the event only when it answers {@code true}. A redelivered event then
 * changes nothing, and a failed transaction forgets the mark together with the change.
 */
@ApplicationScoped
public class ProcessedEvents {

    /**
     * Records that {@code consumer} handles {@code eventId}; {@code false} when it already did.
     *
     * @param consumer the consumer's stable name, e.g. {@code token-service.directory-projection}
     */
    public Uni<Boolean> firstDelivery(SqlConnection tx, String consumer, String eventId) {
        return tx.preparedQuery("INSERT INTO processed_event (consumer, event_id) VALUES ($1, $2) ON CONFLICT DO NOTHING")
                .execute(Tuple.of(consumer, eventId))
                .map(rows -> rows.rowCount() == 1);
    }
}
