package dev.latchkey.token.event;

import dev.latchkey.events.EventEnvelope;
import dev.latchkey.token.service.DirectoryProjection;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** {@code latchkey.directory.events} → the members and service accounts projection. */
@ApplicationScoped
public class DirectoryEventListener {
    private final DirectoryProjection projection;

    DirectoryEventListener(DirectoryProjection projection) {
        this.projection = projection;
    }

    @Incoming("directory-events")
    public Uni<Void> consume(ConsumerRecord<String, String> record) {
        EventEnvelope event;
        try {
            event = EventEnvelope.fromKafka(record.topic(), record.key(), record.headers(), record.value());
        } catch (IllegalArgumentException e) {
            Log.errorf("poison record at %s-%d@%d skipped: %s", record.topic(), record.partition(), record.offset(),
                    e.getMessage());
            return Uni.createFrom().voidItem();
        }
        return projection.apply(event);
    }
}
