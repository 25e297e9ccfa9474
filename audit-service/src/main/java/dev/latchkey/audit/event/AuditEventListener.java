package dev.latchkey.audit.event;

import dev.latchkey.audit.service.IngestService;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Takes every {@code latchkey.*.events} record into the trail, a poll's batch at a time (one transaction per
 * batch: ingest throughput). The batch is acknowledged (its offsets committed) only after it is stored, so a
 * crash or a broker restart re-delivers it and the CloudEvents id makes that harmless. Batches are handled one
 * after the other, which keeps each partition's order, so each aggregate's order, in the chains.
 */
@ApplicationScoped
public class AuditEventListener {
    static final String DATABASE_REJECTED = "rejected_by_database";

    private final AuditEventParser parser;
    private final IngestService ingest;
    private final DeadLetterPublisher deadLetters;
    private final Pool pool;

    public AuditEventListener(AuditEventParser parser, IngestService ingest, DeadLetterPublisher deadLetters, Pool pool) {
        this.parser = parser;
        this.ingest = ingest;
        this.deadLetters = deadLetters;
        this.pool = pool;
    }

    @Incoming("audit-events")
    public Uni<Void> consume(ConsumerRecords<String, byte[]> batch) {
        List<Parsed> accepted = new ArrayList<>(batch.count());
        List<Uni<Void>> poison = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : batch) {
            try {
                accepted.add(new Parsed(record, parser.parse(record.topic(), record.key(), record.headers(), record.value())));
            } catch (PoisonMessageException e) {
                poison.add(deadLetters.publish(record, e.reason(), e.getMessage()));
            } catch (RuntimeException e) {
                Log.errorf(e, "audit: could not read %s-%d@%d", record.topic(), record.partition(), record.offset());
                poison.add(deadLetters.publish(record, "unreadable", "the record could not be read: "
                        + e.getClass().getSimpleName()));
            }
        }
        Uni<Void> deadLettered = poison.isEmpty() ? Uni.createFrom().voidItem()
                : Multi.createFrom().iterable(poison).onItem().transformToUniAndConcatenate(u -> u).collect().last()
                .replaceWithVoid()
                .onFailure().invoke(e -> Log.warnf("audit: dead-letter topic unavailable (%s); retrying", e.getMessage()))
                .onFailure().retry().withBackOff(Duration.ofMillis(200), Duration.ofSeconds(10)).indefinitely();
        return deadLettered.chain(() -> store(accepted));
    }

    private Uni<Void> store(List<Parsed> batch) {
        if (batch.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return ingest.append(batch.stream().map(Parsed::event).toList()).replaceWithVoid()
                .onFailure().retry().withBackOff(Duration.ofMillis(100), Duration.ofSeconds(2)).atMost(3)
                // one record the database refuses must not stop the trail: find it by storing one at a time
                .onFailure().recoverWithUni(e -> {
                    Log.warnf("audit: batch of %d could not be stored (%s); storing one by one", batch.size(), e.getMessage());
                    return Multi.createFrom().iterable(batch).onItem().transformToUniAndConcatenate(this::storeOne)
                            .collect().last().replaceWithVoid();
                })
                .onFailure().invoke(e -> Log.errorf("audit: database unavailable (%s); retrying", e.getMessage()))
                .onFailure().retry().withBackOff(Duration.ofMillis(500), Duration.ofSeconds(30)).indefinitely();
    }

    private Uni<Void> storeOne(Parsed p) {
        return ingest.append(List.of(p.event())).replaceWithVoid()
                .onFailure().recoverWithUni(e -> databaseAlive().chain(alive -> alive
                        ? deadLetters.publish(p.record(), DATABASE_REJECTED,
                                "the database refused the record: " + e.getClass().getSimpleName())
                        : Uni.createFrom().failure(e)));
    }

    private Uni<Boolean> databaseAlive() {
        return pool.query("SELECT 1").execute().replaceWith(true).onFailure().recoverWithItem(false);
    }

    record Parsed(ConsumerRecord<String, byte[]> record, IncomingEvent event) {
    }
}
