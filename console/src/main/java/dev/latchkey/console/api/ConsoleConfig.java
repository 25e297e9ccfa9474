package dev.latchkey.console.api;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.List;

/** Where the Latchkey APIs are and how the console talks to them ({@code latchkey.console.*}). */
@ConfigMapping(prefix = "latchkey.console")
public interface ConsoleConfig {

    Api api();

    Session session();

    /** The scope catalog's entities (DESIGN.md §4), offered by the scopes pickers. */
    @WithDefault("account,user,collection,event,system_user,touchpoint,token,oauth_app,service_account,member,audit")
    List<String> scopeEntities();

    /** Claim of the person's ID token naming their tenant (the upstream-OIDC contract). */
    @WithDefault("latchkey_tenant")
    String tenantClaim();

    /** Claim naming the person's role; only shown until service-account-service answers who they are. */
    @WithDefault("latchkey_role")
    String roleClaim();

    interface Api {
        /** Base URL of token-service (or of the gateway, which routes by path). */
        @WithDefault("http://127.0.0.1:8081")
        String tokenService();

        @WithDefault("http://127.0.0.1:8082")
        String oauthService();

        @WithDefault("http://127.0.0.1:8083")
        String serviceAccountService();

        @WithDefault("http://127.0.0.1:8084")
        String auditService();

        @WithDefault("10S")
        Duration timeout();
    }

    interface Session {
        /** A session nobody used for this long is forgotten (the person signs in again). */
        @WithDefault("8H")
        Duration idleTimeout();

        /** Bound on the sessions kept in memory; the least recently used go first. */
        @WithDefault("100000")
        long maxSessions();
    }
}
