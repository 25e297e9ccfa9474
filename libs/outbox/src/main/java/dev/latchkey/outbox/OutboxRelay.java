package dev.latchkey.outbox;

import dev.latchkey.events.EventEnvelope;
import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Publishes the outbox to Kafka: idempotent producer, {@code acks=all}, in {@code seq} order, then marks the
 * rows sent in the same transaction that read them.
 * <p>
 * Several replicas run this loop at once, but a transaction-scoped advisory lock lets only one of them publish
 * at a time. {@code FOR UPDATE SKIP LOCKED} would let two replicas publish different rows of the same key
 * concurrently and so break per-key order; the lock keeps order, and the others are warm standbys.
 * <p>
 * A batch holds at most one event per record key, the oldest unsent one: the next event of a key is sent only
 * after Kafka acknowledged the one before. Within one attempt the producer may fail one batch and still deliver
 * a later one (e.g. across a broker restart it bumps its epoch), so two events of one key in one attempt could
 * reach Kafka out of order; one per key cannot.
 * <p>
 * Kafka unreachable: the batch's transaction rolls back, the rows stay unsent, and the relay retries with a
 * growing pause. Events of a failed batch that did reach Kafka are published again: delivery is at least once
 * and consumers deduplicate on the CloudEvents id ({@link ProcessedEvents}).
 */
@ApplicationScoped
public class OutboxRelay {
    /** Arbitrary but fixed: every replica of a service contends for the same lock in its own database. */
    static final long LOCK_KEY = 0x4c4b_4f42L;

    private final AgroalDataSource dataSource;
    private final OutboxConfig config;
    private final String bootstrapServers;
    private final Counter published;
    private final Counter failures;
    private volatile boolean running;
    private Thread thread;
    private KafkaProducer<String, String> producer;

    OutboxRelay(AgroalDataSource dataSource, OutboxConfig config, MeterRegistry registry,
                @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers) {
        this.dataSource = dataSource;
        this.config = config;
        this.bootstrapServers = bootstrapServers;
        this.published = registry.counter("latchkey.outbox.published");
        this.failures = registry.counter("latchkey.outbox.failures");
    }

    void onStart(@Observes StartupEvent event) {
        if (config.relayEnabled()) {
            start();
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        stop();
    }

    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        thread = new Thread(this::loop, "outbox-relay");
        thread.setDaemon(true);
        thread.start();
    }

    public synchronized void stop() {
        running = false;
        if (thread != null) {
            thread.interrupt();
            try {
                thread.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            thread = null;
        }
        closeProducer();
    }

    private void loop() {
        Duration backoff = config.pollInterval();
        long lastCleanup = 0;
        while (running) {
            try {
                int count = relayOnce();
                backoff = config.pollInterval();
                if (System.currentTimeMillis() - lastCleanup > 60_000) {
                    deleteOldSentRows();
                    lastCleanup = System.currentTimeMillis();
                }
                // one event per key per batch: while anything was published, more may be waiting behind it
                if (count == 0) {
                    sleep(config.pollInterval());
                }
            } catch (Exception e) {
                if (!running) {
                    return;
                }
                failures.increment();
                closeProducer();
                Log.warnf("outbox relay: publishing failed (%s), retrying in %s", rootCause(e), backoff);
                sleep(backoff);
                backoff = min(backoff.multipliedBy(2), config.maxBackoff());
            }
        }
    }

    /**
     * Publishes one batch if this replica holds the lock.
     *
     * @return the number of events published
     */
    public int relayOnce() throws Exception {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                if (!tryLock(c)) {
                    c.rollback();
                    return 0;
                }
                List<Long> seqs = new ArrayList<>();
                List<Future<RecordMetadata>> sends = new ArrayList<>();
                try (PreparedStatement select = c.prepareStatement("""
                        SELECT * FROM (
                            SELECT DISTINCT ON (topic, coalesce(record_key, seq::text))
                                   seq, event_id, source, type, subject, tenant, event_time, topic, record_key, data,
                                   client_ip, user_agent
                            FROM outbox WHERE sent_at IS NULL
                            ORDER BY topic, coalesce(record_key, seq::text), seq) AS oldest_per_key
                        ORDER BY seq LIMIT ?""")) {
                    select.setInt(1, config.batchSize());
                    try (ResultSet rs = select.executeQuery()) {
                        while (rs.next()) {
                            seqs.add(rs.getLong("seq"));
                            EventEnvelope e = new EventEnvelope(rs.getString("event_id"), rs.getString("source"),
                                    rs.getString("type"), rs.getString("subject"),
                                    rs.getTimestamp("event_time").toInstant(), rs.getString("tenant"),
                                    rs.getString("topic"), rs.getString("record_key"), rs.getString("data"),
                                    rs.getString("client_ip"), rs.getString("user_agent"));
                            sends.add(producer().send(new ProducerRecord<>(e.topic(), null, e.key(), e.data(), e.headers())));
                        }
                    }
                }
                if (seqs.isEmpty()) {
                    c.rollback();
                    return 0;
                }
                for (Future<RecordMetadata> send : sends) {
                    send.get(30, TimeUnit.SECONDS);
                }
                try (PreparedStatement mark = c.prepareStatement("UPDATE outbox SET sent_at = now() WHERE seq = ANY (?)")) {
                    Array array = c.createArrayOf("bigint", seqs.toArray());
                    mark.setArray(1, array);
                    mark.executeUpdate();
                }
                c.commit();
                published.increment(seqs.size());
                return seqs.size();
            } catch (Exception e) {
                c.rollback();
                throw e;
            }
        }
    }

    /** Rows still waiting to be published (for tests and operators). */
    public long pending() throws SQLException {
        try (Connection c = dataSource.getConnection();
             ResultSet rs = c.createStatement().executeQuery("SELECT count(*) FROM outbox WHERE sent_at IS NULL")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static boolean tryLock(Connection c) throws SQLException {
        try (PreparedStatement lock = c.prepareStatement("SELECT pg_try_advisory_xact_lock(?)")) {
            lock.setLong(1, LOCK_KEY);
            try (ResultSet rs = lock.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    private void deleteOldSentRows() throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement delete = c.prepareStatement(
                     "DELETE FROM outbox WHERE sent_at < now() - make_interval(secs => ?)")) {
            delete.setLong(1, config.keepSent().toSeconds());
            delete.executeUpdate();
        }
    }

    private synchronized KafkaProducer<String, String> producer() {
        if (producer == null) {
            Map<String, Object> p = new HashMap<>();
            p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
            p.put(ProducerConfig.ACKS_CONFIG, "all");
            p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
            p.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
            p.put(ProducerConfig.LINGER_MS_CONFIG, 5);
            p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
            // a send blocked on missing metadata fails fast so the relay can back off
            p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 5_000);
            p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
            p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 15_000);
            p.put(ProducerConfig.CLIENT_ID_CONFIG, "outbox-relay");
            producer = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer());
        }
        return producer;
    }

    private synchronized void closeProducer() {
        if (producer != null) {
            producer.close(Duration.ofSeconds(2));
            producer = null;
        }
    }

    /** Event data carries no secret, so the cause's message is safe to log. */
    private static String rootCause(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause.getClass().getSimpleName() + ": " + cause.getMessage();
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
