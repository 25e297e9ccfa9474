package dev.latchkey.token.notification;

import dev.latchkey.token.config.NotificationConfig;
import dev.latchkey.token.repository.NotificationRepository;
import dev.latchkey.token.repository.NotificationRepository.Due;
import io.quarkus.logging.Log;
import io.quarkus.mailer.reactive.ReactiveMailer;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.Instant;
import java.util.stream.Collectors;

/**
 * Sends the recorded notifications (see {@link dev.latchkey.token.service.TokenOutbox}). Every replica runs it:
 * a pass claims due rows for itself (SKIP LOCKED plus a lease), sends each outside any transaction, and marks it
 * sent, or due again after a doubling pause when the SMTP server fails. Delivery is at least once: only a crash
 * between the SMTP server's acceptance and the mark can send an email twice, after the lease.
 */
@ApplicationScoped
public class EmailSender {
    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration FIRST_PAUSE = Duration.ofSeconds(5);

    private final Pool pool;
    private final NotificationRepository notifications;
    private final ReactiveMailer mailer;
    private final NotificationConfig config;

    EmailSender(Pool pool, NotificationRepository notifications, ReactiveMailer mailer, NotificationConfig config) {
        this.pool = pool;
        this.notifications = notifications;
        this.mailer = mailer;
        this.config = config;
    }

    @Scheduled(every = "${latchkey.token.notifications.email.every:5s}", delay = 5,
            delayUnit = java.util.concurrent.TimeUnit.SECONDS, concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduled() {
        if (!config.enabled()) {
            return Uni.createFrom().voidItem();
        }
        return run().onFailure().invoke(e -> Log.warnf("email notifications: %s", e.getMessage()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    /** One pass; answers how many emails were sent. */
    public Uni<Integer> run() {
        return notifications.claim(pool, config.batchSize(), config.lease())
                .chain(due -> Multi.createFrom().iterable(due).onItem().transformToUniAndConcatenate(this::send)
                        .collect().with(Collectors.summingInt(Integer::intValue)));
    }

    private Uni<Integer> send(Due n) {
        EmailNotifications.About about;
        try {
            about = EmailNotifications.About.of(n.data());
        } catch (RuntimeException e) {
            Log.errorf("notification %s (%s) is unreadable: given up", n.id(), n.eventType());
            return notifications.givenUp(pool, n.id(), "unreadable data").replaceWith(0);
        }
        return notifications.recipients(pool, n.tenant(), about.ownerType(), about.ownerId()).chain(to -> {
            if (to.emails().isEmpty()) {
                Log.debugf("notification %s: no address known for %s %s", n.id(), about.ownerType(), about.ownerId());
                return notifications.sent(pool, n.id(), to.emails()).replaceWith(0);
            }
            return mailer.send(EmailNotifications.mail(n.eventType(), about, to.ownerName(), n.hint(), to.emails(),
                            config.tokenUrl())).ifNoItem().after(SEND_TIMEOUT).fail()
                    .chain(() -> notifications.sent(pool, n.id(), to.emails()))
                    .replaceWith(1)
                    .onFailure().recoverWithUni(e -> failed(n, e));
        });
    }

    private Uni<Integer> failed(Due n, Throwable e) {
        String error = e.getClass().getSimpleName() + ": " + e.getMessage();
        if (n.createdAt().plus(config.giveUpAfter()).isBefore(Instant.now())) {
            Log.errorf("notification %s (%s) given up after %d attempts: %s", n.id(), n.eventType(), n.attempts(), error);
            return notifications.givenUp(pool, n.id(), error).replaceWith(0);
        }
        Duration pause = FIRST_PAUSE.multipliedBy(1L << Math.min(n.attempts() - 1, 20));
        if (pause.compareTo(config.maxBackoff()) > 0) {
            pause = config.maxBackoff();
        }
        Log.warnf("notification %s (%s) not sent (attempt %d), next in %s: %s", n.id(), n.eventType(), n.attempts(),
                pause, error);
        return notifications.retryLater(pool, n.id(), pause, error).replaceWith(0);
    }
}
