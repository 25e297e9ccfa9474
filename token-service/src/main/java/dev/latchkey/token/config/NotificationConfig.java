package dev.latchkey.token.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Optional;

/**
 * {@code latchkey.token.notifications.email.*}: emails to token owners. The SMTP server itself is quarkus-mailer's
 * {@code quarkus.mailer.*} (host, port, from, credentials, TLS), set by the operator.
 */
@ConfigMapping(prefix = "latchkey.token.notifications.email")
public interface NotificationConfig {

    /** Off by default: with it off no notification is recorded and nothing is sent. */
    @WithDefault("false")
    boolean enabled();

    /** How often each replica's sender looks for due notifications. */
    @WithDefault("5s")
    String every();

    /** Notifications one pass sends at most. */
    @WithDefault("50")
    int batchSize();

    /** A claimed notification is not retried by another replica before this (longer than one send). */
    @WithDefault("5m")
    Duration lease();

    /** Longest pause between two attempts while the SMTP server fails (the pause doubles up to it). */
    @WithDefault("10m")
    Duration maxBackoff();

    /** A notification still failing after this long is given up (logged, kept with its last error). */
    @WithDefault("3d")
    Duration giveUpAfter();

    /** Link to the token in the console, {@code {id}} replaced by the token's id; no link when absent. */
    Optional<String> tokenUrl();
}
