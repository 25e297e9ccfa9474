package dev.latchkey.console.session;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.latchkey.console.api.ConsoleConfig;
import io.quarkus.oidc.AuthorizationCodeTokens;
import io.quarkus.oidc.OidcRequestContext;
import io.quarkus.oidc.OidcTenantConfig;
import io.quarkus.oidc.TokenStateManager;
import io.quarkus.security.AuthenticationFailedException;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * Keeps each person's ID, access and refresh tokens on the server: the session cookie quarkus-oidc sets holds only
 * a random 256-bit session id, so no token ever reaches the browser (not even encrypted). Replaces quarkus-oidc's
 * default manager, which puts the (encrypted) tokens into the cookie.
 * <p>
 * Sessions live in this process's memory (Caffeine, expire after the configured idle time, bounded in number). A
 * restart or another replica does not know them: the person is sent through the provider again, which signs them
 * straight back in while their provider session lasts. See the README for why not a database.
 */
@Alternative
@Priority(1)
@ApplicationScoped
public class ServerSideTokenStateManager implements TokenStateManager {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Cache<String, AuthorizationCodeTokens> sessions;

    public ServerSideTokenStateManager(ConsoleConfig config) {
        this.sessions = Caffeine.newBuilder()
                .expireAfterAccess(config.session().idleTimeout())
                .maximumSize(config.session().maxSessions())
                .build();
    }

    @Override
    public Uni<String> createTokenState(RoutingContext routingContext, OidcTenantConfig oidcConfig,
                                        AuthorizationCodeTokens tokens, OidcRequestContext<String> requestContext) {
        byte[] id = new byte[32];
        RANDOM.nextBytes(id);
        String sessionId = Base64.getUrlEncoder().withoutPadding().encodeToString(id);
        sessions.put(sessionId, tokens);
        return Uni.createFrom().item(sessionId);
    }

    @Override
    public Uni<AuthorizationCodeTokens> getTokens(RoutingContext routingContext, OidcTenantConfig oidcConfig,
                                                  String tokenState, OidcRequestContext<AuthorizationCodeTokens> requestContext) {
        AuthorizationCodeTokens tokens = tokenState == null ? null : sessions.getIfPresent(tokenState);
        // unknown (expired, signed out, another replica, made up): quarkus-oidc drops the cookie and signs in again
        return tokens == null ? Uni.createFrom().failure(new AuthenticationFailedException("unknown session"))
                : Uni.createFrom().item(tokens);
    }

    @Override
    public Uni<Void> deleteTokens(RoutingContext routingContext, OidcTenantConfig oidcConfig, String tokenState,
                                  OidcRequestContext<Void> requestContext) {
        if (tokenState != null) {
            sessions.invalidate(tokenState);
        }
        return Uni.createFrom().voidItem();
    }

    /** How many sessions are kept (for tests and metrics). */
    public long size() {
        sessions.cleanUp();
        return sessions.estimatedSize();
    }
}
