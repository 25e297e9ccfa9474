package dev.latchkey.local;

import java.util.List;

/**
 * A Latchkey service as deploy/local runs it: its module (whose {@code target/quarkus-app} holds the built
 * application), port, database (null when it has none), and the gateway paths that reach it.
 */
record Service(String name, int port, String database, List<String> routes) {

    /** DESIGN.md §8, the path table; each service is also reachable at {@code /<name>/…} (prefix stripped). */
    static final List<Service> ALL = List.of(
            new Service("token-service", 8081, "token_db",
                    List.of("/api/v1/tokens", "/api/v1/admin/tokens", "/api/v1/token-policy")),
            new Service("oauth-service", 8082, "oauth_db",
                    List.of("/oauth/", "/.well-known/oauth-authorization-server", "/.well-known/openid-configuration",
                            "/api/v1/oauth-apps")),
            new Service("service-account-service", 8083, "service_account_db",
                    List.of("/api/v1/tenants", "/api/v1/members", "/api/v1/service-accounts", "/scim/v2/")),
            new Service("audit-service", 8084, "audit_db", List.of("/api/v2/audit")),
            new Service("accounts-api", 8085, null, List.of()),
            new Service("console", 8086, null, List.of("/console")));

    String module() {
        return name.equals("accounts-api") || name.equals("stock-resource-server") ? "examples/" + name : name;
    }
}
