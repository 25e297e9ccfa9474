package dev.latchkey.token.event;

import dev.latchkey.events.EventEnvelope;
import dev.latchkey.events.credential.CredentialEvents;
import dev.latchkey.token.service.UsageService;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.io.UncheckedIOException;

/** {@code latchkey.credential.usage} → use counts and last use of tokens. */
@ApplicationScoped
public class UsageListener {
    private final UsageService usage;

    UsageListener(UsageService usage) {
        this.usage = usage;
    }

    @Incoming("credential-usage")
    public Uni<Void> consume(ConsumerRecord<String, String> record) {
        try {
            EventEnvelope event = EventEnvelope.fromKafka(record.topic(), record.key(), record.headers(), record.value());
            if (!CredentialEvents.USAGE_REPORTED.type().equals(event.type())) {
                return Uni.createFrom().voidItem();
            }
            return usage.apply(event);
        } catch (IllegalArgumentException | UncheckedIOException e) {
            Log.errorf("poison record at %s-%d@%d skipped: %s", record.topic(), record.partition(), record.offset(),
                    e.getMessage());
            return Uni.createFrom().voidItem();
        }
    }
}
