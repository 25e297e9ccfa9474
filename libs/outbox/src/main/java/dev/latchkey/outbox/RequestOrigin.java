package dev.latchkey.outbox;

import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.RoutingContext;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.RequestScoped;

/**
 * Where the current HTTP request came from: the client's IP address and its {@code User-Agent}, captured once
 * per request so that every event the request produces carries them ({@link Outbox} adds them as the
 * CloudEvents extensions {@code ce_clientip} / {@code ce_useragent}). No service resource passes them by hand.
 * <p>
 * The address is {@link HttpServerRequest#remoteAddress()} as Quarkus resolves it: with
 * {@code quarkus.http.proxy.proxy-address-forwarding} and {@code allow-x-forwarded} on, the first
 * {@code X-Forwarded-For} address — but only when the connection comes from one of
 * {@code quarkus.http.proxy.trusted-proxies}; from anyone else the header is ignored and the peer's address is
 * taken. Only an IP literal is kept (a forwarded "unknown" or a host name gives none).
 * <p>
 * Outside an HTTP request (a scheduled job, a Kafka consumer) the request context is inactive or holds no
 * request, and both are {@code null}.
 */
@RequestScoped
public class RequestOrigin {
    private final CurrentVertxRequest current;
    private String clientIp;
    private String userAgent;

    RequestOrigin(CurrentVertxRequest current) {
        this.current = current;
    }

    @PostConstruct
    void capture() {
        RoutingContext context = current.getCurrent();
        if (context == null) {
            return;
        }
        HttpServerRequest request = context.request();
        SocketAddress address = request.remoteAddress();
        // hostAddress() is null unless the address is an IP literal
        clientIp = address == null ? null : address.hostAddress();
        String agent = request.getHeader(HttpHeaders.USER_AGENT);
        userAgent = agent == null || agent.isBlank() ? null : agent;
    }

    /** The client's IP address, or {@code null} when this is not an HTTP request. */
    public String clientIp() {
        return clientIp;
    }

    /** The request's {@code User-Agent}, or {@code null}. */
    public String userAgent() {
        return userAgent;
    }
}
