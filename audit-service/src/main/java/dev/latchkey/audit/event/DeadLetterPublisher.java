package dev.latchkey.audit.event;

import dev.latchkey.events.Topics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Sends a record the trail cannot take to {@value Topics#AUDIT_DEAD_LETTER}: key, value and headers unchanged,
 * plus why ({@value #REASON_HEADER}) and where it came from. Counted per reason code.
 */
@ApplicationScoped
public class DeadLetterPublisher {
    public static final String REASON_HEADER = "x-latchkey-dead-letter-reason";
    public static final String CODE_HEADER = "x-latchkey-dead-letter-code";
    public static final String TOPIC_HEADER = "x-latchkey-dead-letter-topic";
    public static final String PARTITION_HEADER = "x-latchkey-dead-letter-partition";
    public static final String OFFSET_HEADER = "x-latchkey-dead-letter-offset";

    private final MutinyEmitter<byte[]> emitter;
    private final MeterRegistry registry;
    private final ConcurrentMap<String, Counter> counters = new ConcurrentHashMap<>();

    public DeadLetterPublisher(@Channel("audit-dead-letter") MutinyEmitter<byte[]> emitter, MeterRegistry registry) {
        this.emitter = emitter;
        this.registry = registry;
    }

    /** Completes once the broker has acknowledged the dead letter. */
    public Uni<Void> publish(ConsumerRecord<String, byte[]> record, String code, String reason) {
        RecordHeaders headers = new RecordHeaders();
        for (Header h : record.headers()) {
            headers.add(h);
        }
        headers.add(REASON_HEADER, reason.getBytes(StandardCharsets.UTF_8));
        headers.add(CODE_HEADER, code.getBytes(StandardCharsets.UTF_8));
        headers.add(TOPIC_HEADER, record.topic().getBytes(StandardCharsets.UTF_8));
        headers.add(PARTITION_HEADER, Integer.toString(record.partition()).getBytes(StandardCharsets.UTF_8));
        headers.add(OFFSET_HEADER, Long.toString(record.offset()).getBytes(StandardCharsets.UTF_8));
        OutgoingKafkaRecordMetadata<String> metadata = OutgoingKafkaRecordMetadata.<String>builder()
                .withTopic(Topics.AUDIT_DEAD_LETTER)
                .withKey(record.key())
                .withHeaders(headers)
                .build();
        Log.warnf("audit: %s-%d@%d sent to %s: %s", record.topic(), record.partition(), record.offset(),
                Topics.AUDIT_DEAD_LETTER, reason);
        return emitter.sendMessage(Message.of(record.value() == null ? new byte[0] : record.value()).addMetadata(metadata))
                .invoke(() -> counter(code).increment());
    }

    private Counter counter(String code) {
        return counters.computeIfAbsent(code, c -> Counter.builder("latchkey.audit.dead.letters")
                .description("Records sent to the audit dead-letter topic, by reason")
                .tag("reason", c)
                .register(registry));
    }
}
