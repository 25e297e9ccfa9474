package dev.latchkey.testsupport;

import dev.latchkey.events.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * A real Kafka broker (KRaft, combined broker and controller, one node) in a child JVM started from this
 * JVM's classpath, which holds {@code kafka_2.13}. A child process, not an in-JVM cluster, so that a test can
 * stop the broker and start it again on the same port with the same data, as a real outage would.
 */
public final class KafkaBroker implements AutoCloseable {
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(90);
    private static final int START_ATTEMPTS = 3;
    private static final int LOG_LINES_IN_ERRORS = 30;

    private final Path directory;
    private final int port;
    private final int controllerPort;
    private Process process;

    private KafkaBroker(Path directory, int port, int controllerPort) {
        this.directory = directory;
        this.port = port;
        this.controllerPort = controllerPort;
    }

    /**
     * A broker with its log in a new temporary directory, on free ports. A port found free can be taken by another
     * socket before the broker binds it, so a broker that exits at start is tried again, on other ports.
     */
    public static KafkaBroker startTemporary() {
        BrokerExited last = null;
        for (int attempt = 0; attempt < START_ATTEMPTS; attempt++) {
            try {
                Path dir = Files.createTempDirectory("latchkey-kafka-");
                dir.toFile().deleteOnExit();
                return start(dir, Ports.free(), Ports.free());
            } catch (BrokerExited e) {
                last = e;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        throw last;
    }

    /** A broker keeping its log under {@code directory} (formatted on first start). */
    public static KafkaBroker start(Path directory, int port, int controllerPort) {
        KafkaBroker broker = new KafkaBroker(directory, port, controllerPort);
        broker.format();
        broker.start();
        broker.createTopics(Topics.ALL);
        return broker;
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    public boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** Starts the broker (again) on the same ports and data and waits until it answers. */
    public synchronized void start() {
        if (isRunning()) {
            return;
        }
        process = java(List.of("kafka.Kafka", configFile().toString()), directory.resolve("broker.log"));
        waitUntilReady();
    }

    /** Stops the broker the way an operator's SIGTERM would, and waits for it to exit. */
    public synchronized void stop() {
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process = null;
    }

    public void createTopics(List<String> topics) {
        try (Admin admin = admin()) {
            List<NewTopic> newTopics = new ArrayList<>();
            for (String topic : topics) {
                NewTopic t = new NewTopic(topic, 3, (short) 1);
                if (Topics.isCompacted(topic)) {
                    t.configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
                }
                newTopics.add(t);
            }
            admin.createTopics(newTopics).values().forEach((name, future) -> {
                try {
                    future.get(30, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("could not create topic " + name, e.getCause());
                    }
                } catch (Exception e) {
                    throw new IllegalStateException("could not create topic " + name, e);
                }
            });
        }
    }

    /**
     * Reads {@code topic} from the beginning, again and again until at least {@code atLeast} records match or
     * {@code timeout} passes, and answers the matching records of the last full read (in offset order per partition).
     */
    public List<org.apache.kafka.clients.consumer.ConsumerRecord<String, String>> awaitRecords(String topic,
            java.util.function.Predicate<org.apache.kafka.clients.consumer.ConsumerRecord<String, String>> match,
            int atLeast, Duration timeout) {
        List<org.apache.kafka.clients.consumer.ConsumerRecord<String, String>> found = new ArrayList<>();
        Properties p = new Properties();
        p.put(org.apache.kafka.clients.consumer.ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        try (var consumer = new org.apache.kafka.clients.consumer.KafkaConsumer<String, String>(p,
                new org.apache.kafka.common.serialization.StringDeserializer(),
                new org.apache.kafka.common.serialization.StringDeserializer())) {
            Instant deadline = Instant.now().plus(timeout);
            do {
                found.clear();
                List<org.apache.kafka.common.TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(5))
                        .stream().map(i -> new org.apache.kafka.common.TopicPartition(topic, i.partition())).toList();
                if (!partitions.isEmpty()) {
                    consumer.assign(partitions);
                    consumer.seekToBeginning(partitions);
                    Map<org.apache.kafka.common.TopicPartition, Long> end = consumer.endOffsets(partitions);
                    Instant readUntil = Instant.now().plusSeconds(5);
                    while (Instant.now().isBefore(readUntil)
                            && partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                        consumer.poll(Duration.ofMillis(200)).forEach(r -> {
                            if (match.test(r)) {
                                found.add(r);
                            }
                        });
                    }
                }
                if (found.size() >= atLeast) {
                    return found;
                }
                sleep(200);
            } while (Instant.now().isBefore(deadline));
        }
        throw new AssertionError("fewer than " + atLeast + " matching records on " + topic + " after " + timeout
                + ": found " + found.size());
    }

    public Admin admin() {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000);
        p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10000);
        return Admin.create(p);
    }

    @Override
    public void close() {
        stop();
    }

    private void format() {
        try {
            Files.createDirectories(directory.resolve("data"));
            Files.writeString(configFile(), """
                    process.roles=broker,controller
                    node.id=1
                    controller.quorum.voters=1@127.0.0.1:%d
                    listeners=PLAINTEXT://127.0.0.1:%d,CONTROLLER://127.0.0.1:%d
                    advertised.listeners=PLAINTEXT://127.0.0.1:%d
                    controller.listener.names=CONTROLLER
                    inter.broker.listener.name=PLAINTEXT
                    listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
                    log.dirs=%s
                    num.partitions=3
                    offsets.topic.replication.factor=1
                    offsets.topic.num.partitions=3
                    transaction.state.log.replication.factor=1
                    transaction.state.log.min.isr=1
                    group.initial.rebalance.delay.ms=0
                    share.coordinator.state.topic.replication.factor=1
                    share.coordinator.state.topic.min.isr=1
                    auto.create.topics.enable=true
                    log.cleaner.backoff.ms=1000
                    """.formatted(controllerPort, port, controllerPort, port, directory.resolve("data")));
            if (Files.exists(directory.resolve("data").resolve("meta.properties"))) {
                return;
            }
            Process format = java(List.of("kafka.tools.StorageTool", "format", "--ignore-formatted",
                    "-t", clusterId(), "-c", configFile().toString()), directory.resolve("format.log"));
            if (!format.waitFor(60, TimeUnit.SECONDS) || format.exitValue() != 0) {
                throw new IllegalStateException("kafka storage format failed; the end of " + directory.resolve("format.log")
                        + ":\n" + tail(directory.resolve("format.log")));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String clusterId() {
        // Kafka cluster ids are 16 bytes, URL-safe base64 without padding; one starting with '-' would be read
        // by the storage tool as an option
        String id;
        do {
            UUID uuid = UUID.randomUUID();
            java.nio.ByteBuffer bytes = java.nio.ByteBuffer.allocate(16);
            bytes.putLong(uuid.getMostSignificantBits()).putLong(uuid.getLeastSignificantBits());
            id = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(bytes.array());
        } while (id.startsWith("-"));
        return id;
    }

    private Path configFile() {
        return directory.resolve("server.properties");
    }

    private static Process java(List<String> mainAndArgs, Path log) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of("-Xms64m", "-Xmx512m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-Djava.awt.headless=true", "-Dlog4j2.level=WARN", "-cp", System.getProperty("java.class.path")));
        command.addAll(mainAndArgs);
        try {
            return new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + mainAndArgs.get(0), e);
        }
    }

    private void waitUntilReady() {
        Instant deadline = Instant.now().plus(READY_TIMEOUT);
        Exception last = null;
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                Process exited = process;
                process = null;
                throw new BrokerExited("kafka broker exited with " + exited.exitValue() + "; the end of "
                        + directory.resolve("broker.log") + ":\n" + tail(directory.resolve("broker.log")));
            }
            try (Admin admin = admin()) {
                if (!admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).isEmpty()) {
                    return;
                }
            } catch (Exception e) {
                last = e;
            }
            sleep(200);
        }
        throw new IllegalStateException("kafka broker not ready after " + READY_TIMEOUT + "; the end of "
                + directory.resolve("broker.log") + ":\n" + tail(directory.resolve("broker.log")), last);
    }

    /** The last lines of a log, so that a failure in CI says why without the file. */
    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - LOG_LINES_IN_ERRORS), lines.size()));
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }

    /** The broker process ended while starting (a port taken meanwhile, most often). */
    static final class BrokerExited extends IllegalStateException {
        BrokerExited(String message) {
            super(message);
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
