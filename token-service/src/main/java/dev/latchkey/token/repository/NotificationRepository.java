package dev.latchkey.token.repository;

import dev.latchkey.events.EventEnvelope;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** The {@code notification} table: emails to send, claimed by one replica at a time with a lease. */
@ApplicationScoped
public class NotificationRepository {

    /** A due notification as claimed for one attempt. */
    public record Due(UUID id, String tenant, String eventType, String data, String hint, int attempts,
                      Instant createdAt) {
    }

    /** The addresses and name a notification goes to, read from the directory projection at send time. */
    public record Recipients(String ownerName, List<String> emails) {
    }

    /**
     * In the event's transaction (after the token's change, so the hint read with it is the one of the event);
     * a token event's subject is the token's id. A redelivered event id changes nothing.
     */
    public Uni<Void> enqueue(SqlClient tx, List<EventEnvelope> events) {
        if (events.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<Tuple> rows = new ArrayList<>(events.size());
        for (EventEnvelope e : events) {
            rows.add(Tuple.of(UUID.fromString(e.id()), e.tenant(), e.type(), e.data(), UUID.fromString(e.subject())));
        }
        return tx.preparedQuery("""
                        INSERT INTO notification (id, tenant, event_type, data, hint)
                        VALUES ($1, $2, $3, $4, (SELECT hint FROM token WHERE id = $5 AND tenant = $2))
                        ON CONFLICT DO NOTHING""").executeBatch(rows).replaceWithVoid();
    }

    /**
     * Claims up to {@code limit} due notifications for one attempt: their next attempt moves {@code lease} ahead,
     * so no other replica takes them meanwhile (SKIP LOCKED: concurrent claims never wait for each other).
     */
    public Uni<List<Due>> claim(SqlClient c, int limit, Duration lease) {
        return c.preparedQuery("""
                        UPDATE notification SET attempts = attempts + 1,
                            next_attempt_at = now() + make_interval(secs => $2)
                        WHERE id IN (SELECT id FROM notification
                                     WHERE sent_at IS NULL AND failed_at IS NULL AND next_attempt_at <= now()
                                     ORDER BY next_attempt_at LIMIT $1 FOR UPDATE SKIP LOCKED)
                        RETURNING id, tenant, event_type, data, hint, attempts, created_at""")
                .execute(Tuple.of(limit, (double) lease.toMillis() / 1000))
                .map(rows -> {
                    List<Due> out = new ArrayList<>();
                    for (Row r : rows) {
                        out.add(new Due(r.getUUID("id"), r.getString("tenant"), r.getString("event_type"),
                                r.getString("data"), r.getString("hint"), r.getInteger("attempts"),
                                TokenRepository.instant(r.getOffsetDateTime("created_at"))));
                    }
                    return out;
                });
    }

    public Uni<Void> sent(SqlClient c, UUID id, List<String> recipients) {
        return c.preparedQuery("UPDATE notification SET sent_at = now(), recipients = $2, last_error = NULL WHERE id = $1")
                .execute(Tuple.of(id, recipients.toArray(String[]::new))).replaceWithVoid();
    }

    public Uni<Void> retryLater(SqlClient c, UUID id, Duration pause, String error) {
        return c.preparedQuery("UPDATE notification SET next_attempt_at = now() + make_interval(secs => $2), "
                        + "last_error = $3 WHERE id = $1")
                .execute(Tuple.of(id, (double) pause.toMillis() / 1000, error)).replaceWithVoid();
    }

    public Uni<Void> givenUp(SqlClient c, UUID id, String error) {
        return c.preparedQuery("UPDATE notification SET failed_at = now(), last_error = $2 WHERE id = $1")
                .execute(Tuple.of(id, error)).replaceWithVoid();
    }

    /**
     * A member owner's address; a service account's managers' addresses. Only active members with an address:
     * a disabled or deleted person gets nothing.
     */
    public Uni<Recipients> recipients(SqlClient c, String tenant, String ownerType, String ownerId) {
        if (Token.OWNER_SERVICE_ACCOUNT.equals(ownerType)) {
            return c.preparedQuery("""
                            SELECT s.name, array_remove(array_agg(m.email ORDER BY m.email), NULL) AS emails
                            FROM service_account s
                            LEFT JOIN member m ON m.tenant = s.tenant AND m.id = ANY (s.managers) AND m.status = 'active'
                            WHERE s.tenant = $1 AND s.id = $2 GROUP BY s.name""")
                    .execute(Tuple.of(tenant, ownerId)).map(rows -> {
                        var it = rows.iterator();
                        if (!it.hasNext()) {
                            return new Recipients(ownerId, List.of());
                        }
                        Row r = it.next();
                        return new Recipients(r.getString("name"), TokenRepository.list(r.getArrayOfStrings("emails")));
                    });
        }
        return c.preparedQuery("SELECT display_name, email FROM member WHERE tenant = $1 AND id = $2 AND status = 'active'")
                .execute(Tuple.of(tenant, ownerId)).map(rows -> {
                    var it = rows.iterator();
                    if (!it.hasNext()) {
                        return new Recipients(ownerId, List.of());
                    }
                    Row r = it.next();
                    String email = r.getString("email");
                    return new Recipients(r.getString("display_name"), email == null ? List.of() : List.of(email));
                });
    }
}
