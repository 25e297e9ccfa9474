package dev.latchkey.token.rest;

import dev.latchkey.problem.Problem;
import dev.latchkey.problem.ProblemException;
import dev.latchkey.token.config.TokenConfig;
import dev.latchkey.token.rest.model.LeakReportReceipt;
import dev.latchkey.token.rest.model.LeakedTokenReport;
import dev.latchkey.token.service.LeakReportService;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Secret scanners report token strings found in public here, without authentication. The answer is the same
 * 202 whatever the strings were. Rate limited per client address (in this process).
 */
@Path("/api/v1/tokens/report-leaked")
public class LeakReportResource {
    private final LeakReportService leaks;
    private final TokenConfig config;
    private final ConcurrentHashMap<String, Window> windows = new ConcurrentHashMap<>();

    private record Window(long minute, AtomicInteger count) {
    }

    LeakReportResource(LeakReportService leaks, TokenConfig config) {
        this.leaks = leaks;
        this.config = config;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<Response> report(List<LeakedTokenReport> reports, @Context HttpServerRequest http) {
        String client = http.remoteAddress() == null ? "unknown" : http.remoteAddress().hostAddress();
        limit(client);
        if (reports == null || reports.isEmpty()) {
            throw ProblemException.invalid("body", "give a JSON array of {\"token\": …} findings");
        }
        if (reports.size() > config.leakReports().maxTokens()) {
            throw ProblemException.invalid("body", "at most " + config.leakReports().maxTokens() + " findings per request");
        }
        List<String> strings = reports.stream().filter(Objects::nonNull).map(LeakedTokenReport::token).toList();
        return leaks.report(strings).replaceWith(Response.accepted(new LeakReportReceipt(reports.size())).build());
    }

    private void limit(String client) {
        long minute = System.currentTimeMillis() / 60_000;
        if (windows.size() > 10_000) {
            windows.values().removeIf(w -> w.minute() < minute);
        }
        Window w = windows.compute(client, (k, old) -> old == null || old.minute() != minute
                ? new Window(minute, new AtomicInteger()) : old);
        if (w.count().incrementAndGet() > config.leakReports().perMinute()) {
            throw new ProblemException(Problem.of("rate-limited", "Too many requests", 429,
                    "at most " + config.leakReports().perMinute() + " reports per minute from one address"));
        }
    }
}
