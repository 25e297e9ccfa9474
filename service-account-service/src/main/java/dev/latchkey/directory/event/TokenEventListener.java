package dev.latchkey.directory.event;

import dev.latchkey.directory.service.TokenOwnershipProjection;
import dev.latchkey.events.EventEnvelope;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** {@code latchkey.token.events} and {@code latchkey.credential.usage} → the token ownership projection. */
@ApplicationScoped
public class TokenEventListener {
    private final TokenOwnershipProjection projection;

    TokenEventListener(TokenOwnershipProjection projection) {
        this.projection = projection;
    }

    @Incoming("token-events")
    public Uni<Void> token(ConsumerRecord<String, String> record) {
        EventEnvelope event = read(record);
        return event == null ? Uni.createFrom().voidItem() : projection.applyToken(event);
    }

    @Incoming("credential-usage")
    public Uni<Void> usage(ConsumerRecord<String, String> record) {
        EventEnvelope event = read(record);
        return event == null ? Uni.createFrom().voidItem() : projection.applyUsage(event);
    }

    private static EventEnvelope read(ConsumerRecord<String, String> record) {
        try {
            return EventEnvelope.fromKafka(record.topic(), record.key(), record.headers(), record.value());
        } catch (IllegalArgumentException e) {
            Log.errorf("poison record at %s-%d@%d skipped: %s", record.topic(), record.partition(), record.offset(),
                    e.getMessage());
            return null;
        }
    }
}
