package dev.latchkey.outbox;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;

/** A stand-in for a service's scheduled job (an expiry notice, a retention sweep) that produces events. */
@ApplicationScoped
public class WidgetJob {
    private final Queue<String> requested = new ConcurrentLinkedQueue<>();
    private final WidgetService widgets;

    WidgetJob(WidgetService widgets) {
        this.widgets = widgets;
    }

    /** The next run creates a widget of this name. */
    public void request(String name) {
        requested.add(name);
    }

    @Scheduled(every = "0.2s")
    void run() {
        for (String name = requested.poll(); name != null; name = requested.poll()) {
            widgets.create(UUID.randomUUID().toString(), name, 0, false).await().indefinitely();
        }
    }
}
