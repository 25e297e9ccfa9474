package dev.latchkey.token.service;

import dev.latchkey.events.EventEnvelope;
import dev.latchkey.outbox.Outbox;
import dev.latchkey.token.config.NotificationConfig;
import dev.latchkey.token.notification.EmailNotifications;
import dev.latchkey.token.repository.NotificationRepository;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Where token-service writes its events: libs/outbox, plus (when email notifications are on) a notification row
 * for each event that calls for an email, in the same transaction. So an email exists exactly when its event
 * does, and no request ever waits for, or fails because of, the SMTP server.
 */
@ApplicationScoped
public class TokenOutbox {
    private final Outbox outbox;
    private final NotificationRepository notifications;
    private final boolean email;

    TokenOutbox(Outbox outbox, NotificationRepository notifications, NotificationConfig config) {
        this.outbox = outbox;
        this.notifications = notifications;
        this.email = config.enabled();
    }

    public Uni<Void> append(SqlConnection tx, EventEnvelope event) {
        return withEmails(tx, outbox.append(tx, event), List.of(event));
    }

    /** Several events, in order, in one round trip (plus one for their notifications). */
    public Uni<Void> append(SqlConnection tx, List<EventEnvelope> events) {
        return withEmails(tx, outbox.append(tx, events), events);
    }

    /** Events of other requests than the current one, each with its own origin ({@link Outbox#appendAsGiven}). */
    public Uni<Void> appendAsGiven(SqlConnection tx, List<EventEnvelope> events) {
        return withEmails(tx, outbox.appendAsGiven(tx, events), events);
    }

    /** The current request's origin, for events written later on its behalf ({@link Outbox#requestOrigin}). */
    public UnaryOperator<EventEnvelope> requestOrigin() {
        return outbox.requestOrigin();
    }

    private Uni<Void> withEmails(SqlConnection tx, Uni<Void> written, List<EventEnvelope> events) {
        if (!email) {
            return written;
        }
        List<EventEnvelope> emailed = events.stream().filter(e -> EmailNotifications.isNotified(e.type())).toList();
        return emailed.isEmpty() ? written : written.chain(() -> notifications.enqueue(tx, emailed));
    }
}
