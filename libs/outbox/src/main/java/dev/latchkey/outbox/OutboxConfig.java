package dev.latchkey.outbox;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

@ConfigMapping(prefix = "latchkey.outbox")
public interface OutboxConfig {
    /** Whether this replica runs the relay. Every replica may: only one publishes at a time. */
    @WithDefault("true")
    boolean relayEnabled();

    /** How long the relay waits when the outbox is empty before it looks again. */
    @WithDefault("100ms")
    Duration pollInterval();

    /** Events published per transaction. */
    @WithDefault("500")
    int batchSize();

    /** Longest pause between attempts while Kafka is unreachable. */
    @WithDefault("5s")
    Duration maxBackoff();

    /** How long published rows are kept (for operators' forensics) before they are deleted. */
    @WithDefault("P1D")
    Duration keepSent();
}
