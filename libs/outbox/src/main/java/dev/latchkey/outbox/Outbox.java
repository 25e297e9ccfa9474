package dev.latchkey.outbox;

import dev.latchkey.events.EventEnvelope;
import io.quarkus.arc.Arc;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.ZoneOffset;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Writes events into the {@code outbox} table on the caller's connection, so they commit or roll back with
 * the change they describe. {@link OutboxRelay} publishes them.
 * <p>
 * An event appended while an HTTP request is being handled gets that request's client IP and User-Agent
 * ({@link RequestOrigin}) as the CloudEvents extensions {@code ce_clientip} / {@code ce_useragent}, unless the
 * producer set an origin itself.
 */
@ApplicationScoped
public class Outbox {
    private static final String INSERT = """
            INSERT INTO outbox (event_id, source, type, subject, tenant, event_time, topic, record_key, data,
                                client_ip, user_agent)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)""";

    private final RequestOrigin origin;

    Outbox(RequestOrigin origin) {
        this.origin = origin;
    }

    /** Appends {@code event}; call inside the transaction that makes the change. */
    public Uni<Void> append(SqlConnection tx, EventEnvelope event) {
        return tx.preparedQuery(INSERT).execute(tuple(requestOrigin().apply(event))).replaceWithVoid();
    }

    /** Appends several events, in order, in one round trip. */
    public Uni<Void> append(SqlConnection tx, List<EventEnvelope> events) {
        if (events.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        UnaryOperator<EventEnvelope> origin = requestOrigin();
        return tx.preparedQuery(INSERT).executeBatch(events.stream().map(e -> tuple(origin.apply(e))).toList())
                .replaceWithVoid();
    }

    /**
     * Appends events that are written on behalf of other requests than the current one (token-service's group
     * commit): each keeps the origin it carries, taken with {@link #requestOrigin()} in its own request, or none;
     * the current request's is never added.
     */
    public Uni<Void> appendAsGiven(SqlConnection tx, List<EventEnvelope> events) {
        if (events.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return tx.preparedQuery(INSERT).executeBatch(events.stream().map(Outbox::tuple).toList()).replaceWithVoid();
    }

    /**
     * The current HTTP request's origin, captured now: applied to an event (later, anywhere) it adds the origin
     * unless the producer set one. Outside a request it leaves events as they are.
     */
    public UnaryOperator<EventEnvelope> requestOrigin() {
        if (!Arc.container().requestContext().isActive()) {
            return UnaryOperator.identity();
        }
        String clientIp = origin.clientIp();
        String userAgent = origin.userAgent();
        if (clientIp == null && userAgent == null) {
            return UnaryOperator.identity();
        }
        return event -> event.clientIp() != null || event.userAgent() != null ? event
                : event.withOrigin(clientIp, userAgent);
    }

    private static Tuple tuple(EventEnvelope e) {
        return Tuple.from(new Object[]{e.id(), e.source(), e.type(), e.subject(), e.tenant(),
                e.time().atOffset(ZoneOffset.UTC), e.topic(), e.key(), e.data(), e.clientIp(), e.userAgent()});
    }
}
