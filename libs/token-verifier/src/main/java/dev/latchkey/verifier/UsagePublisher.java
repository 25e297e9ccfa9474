package dev.latchkey.verifier;

import dev.latchkey.events.EventEnvelope;
import dev.latchkey.events.credential.CredentialEvents;
import dev.latchkey.events.credential.CredentialUsageReported;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Publishes the {@link UsageRecorder}'s aggregates to {@code latchkey.credential.usage} every interval, keyed by
 * token id. Each report has its own CloudEvents id, so token-service applies it once. Usage is best effort: a
 * report Kafka refuses is logged and dropped, it never affects a request.
 */
public final class UsagePublisher implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(UsagePublisher.class.getName());

    private final UsageRecorder recorder;
    private final KafkaProducer<String, String> producer;
    private final String source;
    private final ScheduledExecutorService scheduler;

    public UsagePublisher(Map<String, Object> kafkaConfig, UsageRecorder recorder, String source, Duration interval) {
        this.recorder = recorder;
        this.source = source;
        Map<String, Object> config = new HashMap<>(kafkaConfig);
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        config.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "latchkey-verifier-usage");
        config.putIfAbsent(ProducerConfig.ACKS_CONFIG, "all");
        config.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, 20);
        this.producer = new KafkaProducer<>(config);
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "latchkey-usage");
            t.setDaemon(true);
            return t;
        });
        scheduler.scheduleAtFixedRate(this::publish, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    public void publish() {
        try {
            for (CredentialUsageReported usage : recorder.drain()) {
                EventEnvelope e = EventEnvelope.of(source, CredentialEvents.USAGE_REPORTED, usage).withKey(usage.tokenId());
                producer.send(new ProducerRecord<>(e.topic(), null, e.key(), e.data(), e.headers()), (md, ex) -> {
                    if (ex != null) {
                        LOG.log(System.Logger.Level.WARNING, "usage report for token " + usage.tokenId()
                                + " dropped: " + ex.getMessage());
                    }
                });
            }
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "usage reports dropped: " + e.getMessage());
        }
    }

    @Override
    public void close() {
        scheduler.shutdown();
        publish();
        producer.close(Duration.ofSeconds(5));
    }
}
