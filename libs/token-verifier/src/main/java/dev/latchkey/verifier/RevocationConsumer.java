package dev.latchkey.verifier;

import dev.latchkey.events.EventEnvelope;
import dev.latchkey.events.Topics;
import dev.latchkey.events.credential.CredentialEvents;
import dev.latchkey.events.credential.CredentialRevoked;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the compacted revocation topic from the beginning into a {@link RevocationStore}, with Kafka's own
 * consumer assigned to every partition: no consumer group (every verifier instance needs every record), no
 * committed offsets (memory starts empty on each start). After each poll it compares its positions with the
 * end offsets and marks the store caught up, which is what the fail-closed bound is measured against.
 */
public final class RevocationConsumer implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(RevocationConsumer.class.getName());

    private final Map<String, Object> kafkaConfig;
    private final RevocationStore store;
    private final Duration bound;
    private final String topic;
    private volatile boolean running;
    private volatile KafkaConsumer<String, String> consumer;
    private Thread thread;
    private boolean reportedBehind;

    /**
     * @param kafkaConfig at least {@code bootstrap.servers}; deserializers and group settings are ours
     * @param bound       behind for longer than this = fail closed (only used here to log the transitions)
     */
    public RevocationConsumer(Map<String, Object> kafkaConfig, RevocationStore store, Duration bound) {
        this(kafkaConfig, store, bound, Topics.CREDENTIAL_REVOCATIONS);
    }

    public RevocationConsumer(Map<String, Object> kafkaConfig, RevocationStore store, Duration bound, String topic) {
        this.kafkaConfig = new HashMap<>(kafkaConfig);
        this.store = store;
        this.bound = bound;
        this.topic = topic;
    }

    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        thread = new Thread(this::run, "latchkey-revocations");
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        Map<String, Object> config = new HashMap<>(kafkaConfig);
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        config.putIfAbsent(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5000);
        config.putIfAbsent(ConsumerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000);
        config.putIfAbsent(ConsumerConfig.CLIENT_ID_CONFIG, "latchkey-verifier-revocations");
        while (running) {
            try (KafkaConsumer<String, String> c = new KafkaConsumer<>(config)) {
                consumer = c;
                List<TopicPartition> partitions = awaitPartitions(c);
                if (partitions == null) {
                    return;
                }
                c.assign(partitions);
                c.seekToBeginning(partitions);
                loop(c, partitions);
            } catch (WakeupException e) {
                // close() asked us to stop
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "revocation consumer failed, restarting it: " + e);
                sleep(1000);
            }
        }
    }

    private List<TopicPartition> awaitPartitions(KafkaConsumer<String, String> c) {
        while (running) {
            try {
                List<PartitionInfo> infos = c.partitionsFor(topic, Duration.ofSeconds(5));
                if (infos != null && !infos.isEmpty()) {
                    List<TopicPartition> out = new ArrayList<>();
                    infos.forEach(i -> out.add(new TopicPartition(i.topic(), i.partition())));
                    return out;
                }
            } catch (org.apache.kafka.common.errors.TimeoutException e) {
                checkBehind();
            }
            sleep(500);
        }
        return null;
    }

    /**
     * Each round samples the end offsets, then polls until the positions reach them: the store is then up to date
     * as of the sampling time. Measuring against a sample (rather than "nothing left right now") keeps a steady
     * stream of revocations from looking like lag, while an unreachable broker (no sample) or a backlog we cannot
     * work through does make the lag grow.
     */
    private void loop(KafkaConsumer<String, String> c, List<TopicPartition> partitions) {
        long lastPrune = System.nanoTime();
        Map<TopicPartition, Long> target = null;
        long sampledAt = 0;
        while (running) {
            if (target == null) {
                try {
                    sampledAt = System.nanoTime();
                    target = c.endOffsets(partitions, Duration.ofSeconds(2));
                } catch (org.apache.kafka.common.errors.TimeoutException e) {
                    // the broker is unreachable: we cannot know what we miss; the lag grows until we fail closed
                    checkBehind();
                    continue;
                }
            }
            for (ConsumerRecord<String, String> record : c.poll(Duration.ofMillis(200))) {
                apply(record);
            }
            long behind = 0;
            for (TopicPartition p : partitions) {
                behind += Math.max(0, target.get(p) - c.position(p, Duration.ofSeconds(2)));
            }
            if (behind == 0) {
                store.markCaughtUp(sampledAt);
                target = null;
            } else {
                store.setRecordsBehind(behind);
            }
            checkBehind();
            if (System.nanoTime() - lastPrune > Duration.ofMinutes(1).toNanos()) {
                store.prune();
                lastPrune = System.nanoTime();
            }
        }
    }

    private void apply(ConsumerRecord<String, String> record) {
        if (record.value() == null) {
            store.remove(record.key());
            return;
        }
        try {
            EventEnvelope envelope = EventEnvelope.fromKafka(record.topic(), record.key(), record.headers(), record.value());
            if (!CredentialEvents.REVOKED.type().equals(envelope.type())) {
                return;
            }
            store.apply(envelope.dataAs(CredentialRevoked.class));
        } catch (RuntimeException e) {
            // a record we cannot read must not stop revocations behind it from applying
            LOG.log(System.Logger.Level.ERROR, "skipping unreadable revocation record at " + record.topic() + "-"
                    + record.partition() + "@" + record.offset() + ": " + e.getMessage());
        }
    }

    private void checkBehind() {
        boolean behind = store.isBehind(bound);
        if (behind && !reportedBehind) {
            LOG.log(System.Logger.Level.WARNING, "revocations of " + topic + " not caught up for "
                    + store.lag().toSeconds() + " s (bound " + bound.toSeconds() + " s): FAILING CLOSED, every "
                    + "credential is refused until the consumer catches up");
            reportedBehind = true;
        } else if (!behind && reportedBehind) {
            LOG.log(System.Logger.Level.INFO, "revocations of " + topic + " caught up: accepting credentials again");
            reportedBehind = false;
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public synchronized void close() {
        running = false;
        KafkaConsumer<String, String> c = consumer;
        if (c != null) {
            c.wakeup();
        }
        if (thread != null) {
            try {
                thread.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
