package dev.latchkey.verifier;

import dev.latchkey.events.EventEnvelope;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Publishes what the verifier aggregates — usage reports ({@link UsageRecorder}) to
 * {@code latchkey.credential.usage}, failed authentications ({@link FailureRecorder}) to
 * {@code latchkey.authentication.events} — every interval, through one producer. Each report has its own
 * CloudEvents id, so consumers apply it once. Best effort: a report Kafka refuses is logged and dropped; a request
 * never waits for it.
 */
public final class ReportPublisher implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(ReportPublisher.class.getName());

    private final KafkaProducer<String, String> producer;
    private final ScheduledExecutorService scheduler;
    private final List<Supplier<List<EventEnvelope>>> reports = new ArrayList<>();
    private boolean closed;

    public ReportPublisher(Map<String, Object> kafkaConfig) {
        Map<String, Object> config = new HashMap<>(kafkaConfig);
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        config.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "latchkey-verifier-reports");
        config.putIfAbsent(ProducerConfig.ACKS_CONFIG, "all");
        config.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, 20);
        this.producer = new KafkaProducer<>(config);
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "latchkey-verifier-reports");
            t.setDaemon(true);
            return t;
        });
    }

    /** Publishes what {@code drain} answers every {@code interval} (and once more on close). */
    public synchronized ReportPublisher every(Duration interval, Supplier<List<EventEnvelope>> drain) {
        reports.add(drain);
        scheduler.scheduleAtFixedRate(() -> publish(drain), interval.toMillis(), interval.toMillis(),
                TimeUnit.MILLISECONDS);
        return this;
    }

    private void publish(Supplier<List<EventEnvelope>> drain) {
        try {
            for (EventEnvelope e : drain.get()) {
                producer.send(new ProducerRecord<>(e.topic(), null, e.key(), e.data(), e.headers()), (md, ex) -> {
                    if (ex != null) {
                        LOG.log(System.Logger.Level.WARNING, e.type() + " report for " + e.key() + " dropped: "
                                + ex.getMessage());
                    }
                });
            }
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "verifier reports dropped: " + e.getMessage());
        }
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        scheduler.shutdown();
        reports.forEach(this::publish);
        producer.close(Duration.ofSeconds(5));
    }
}
