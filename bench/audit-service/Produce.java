import dev.latchkey.events.EventEnvelope;
import dev.latchkey.events.Topics;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.UUID;

/**
 * Produces N CloudEvents (libs/events' envelope and ce_* headers) spread over the three domain topics and
 * {@code tenants} tenants, as fast as the producer goes; prints when the last one is acknowledged.
 * Usage: Produce <bootstrap> <n> <tenants>
 */
public class Produce {
    public static void main(String[] args) throws Exception {
        String bootstrap = args[0];
        int n = Integer.parseInt(args[1]);
        int tenants = Integer.parseInt(args[2]);
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        List<String> topics = Topics.DOMAIN_EVENTS;
        long start = System.nanoTime();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer())) {
            for (int i = 0; i < n; i++) {
                String tenant = "SP-" + (900000 + i % tenants) + "-01";
                String topic = topics.get(i % topics.size());
                String target = "agg-" + (i % 5000);
                Instant now = Instant.now();
                String data = "{\"tenant\":\"" + tenant + "\",\"actor\":{\"type\":\"member\",\"id\":\"m-" + (i % 97)
                        + "\"},\"target\":{\"type\":\"token\",\"id\":\"" + target + "\"},\"occurredAt\":\"" + now
                        + "\",\"token\":{\"id\":\"" + target + "\",\"name\":\"bench token " + i
                        + "\",\"scopes\":[\"account:read\",\"event:upsert\"],\"status\":\"active\"}}";
                EventEnvelope e = new EventEnvelope(UUID.randomUUID().toString(), "/latchkey/bench",
                        "latchkey.token.token.updated.v1", target, now, tenant, topic, target, data);
                producer.send(new ProducerRecord<>(topic, null, e.key(), data.getBytes(StandardCharsets.UTF_8), e.headers()));
            }
            producer.flush();
        }
        System.out.printf("produced %d events in %.2f s%n", n, (System.nanoTime() - start) / 1e9);
    }
}
