package dev.latchkey.local;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;
import io.vertx.httpproxy.HttpProxy;
import io.vertx.httpproxy.ProxyContext;
import io.vertx.httpproxy.ProxyInterceptor;
import io.vertx.httpproxy.ProxyResponse;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The local gateway on one base URL: routes by the path table of DESIGN.md §8 (longest prefix wins) and by
 * {@code /<service-name>/…} with the prefix stripped (e.g. {@code /token-service/q/health/ready}), except for a
 * service served under its own name ({@code /console…}). The {@code Host} the client used is passed on (and
 * {@code X-Forwarded-Host} carries it too), so the services build absolute URIs — the console's and oauth-service's
 * sign-in redirects — for the gateway's address. A stand-in
 * for the Kubernetes Ingress, built on Vert.x's reverse proxy.
 */
final class Gateway {
    private record Route(String prefix, Service service, boolean strip) {
    }

    private final Vertx vertx = Vertx.vertx();
    private final List<Route> routes = new ArrayList<>();
    private HttpServer server;

    Gateway(List<Service> services) {
        for (Service s : services) {
            s.routes().forEach(p -> routes.add(new Route(p, s, false)));
            // a service whose own path is its name (the console at /console) keeps the prefix
            if (!s.routes().contains("/" + s.name())) {
                routes.add(new Route("/" + s.name() + "/", s, true));
            }
        }
        routes.sort(Comparator.comparingInt((Route r) -> r.prefix().length()).reversed());
    }

    void start(int port) throws Exception {
        HttpClient client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true).setMaxPoolSize(64));
        HttpProxy proxy = HttpProxy.reverseProxy(client);
        proxy.originSelector(request -> route(request)
                .map(r -> Future.succeededFuture(SocketAddress.inetSocketAddress(r.service().port(), "127.0.0.1")))
                .orElseGet(() -> Future.failedFuture("no route")));
        proxy.addInterceptor(new ProxyInterceptor() {
            @Override
            public Future<ProxyResponse> handleProxyRequest(ProxyContext context) {
                HttpServerRequest incoming = context.request().proxiedRequest();
                route(incoming).filter(Route::strip).ifPresent(r ->
                        context.request().setURI(incoming.uri().substring(r.prefix().length() - 1)));
                // the Host the client used (the proxy would send the origin's 127.0.0.1:<port>): services build
                // absolute URIs from it, e.g. oauth-service's sign-in redirect_uri registered at Keycloak
                context.request().setAuthority(incoming.authority());
                // set, never appended: a client cannot choose the address the services see (they trust loopback)
                context.request().headers().set("X-Forwarded-For", incoming.remoteAddress().hostAddress());
                context.request().headers().set("X-Forwarded-Proto", "http");
                // the public host and port as the client used them (the console builds its sign-in redirect from it)
                if (incoming.authority() != null) {
                    context.request().headers().set("X-Forwarded-Host", incoming.authority().toString());
                }
                // with X-Forwarded-Proto alone, Quarkus would drop the port from the Host its absolute URIs use
                context.request().headers().set("X-Forwarded-Port", String.valueOf(incoming.localAddress().port()));
                return context.sendRequest();
            }
        });
        server = vertx.createHttpServer().requestHandler(request -> {
            if (route(request).isEmpty()) {
                request.response().setStatusCode(404).putHeader("Content-Type", "application/problem+json")
                        .end("{\"type\":\"https://latchkey.dev/problems/not-found\",\"title\":\"Not found\",\"status\":404,"
                                + "\"detail\":\"no Latchkey service serves this path\"}");
                return;
            }
            proxy.handle(request);
        });
        server.listen(port, "127.0.0.1").toCompletionStage().toCompletableFuture().get();
    }

    private Optional<Route> route(HttpServerRequest request) {
        String path = request.path();
        return routes.stream().filter(r -> path.equals(r.prefix())
                || path.startsWith(r.prefix().endsWith("/") ? r.prefix() : r.prefix() + "/")).findFirst();
    }

    void stop() {
        vertx.close();
    }
}
