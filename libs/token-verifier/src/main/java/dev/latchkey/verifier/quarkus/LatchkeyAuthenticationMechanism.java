package dev.latchkey.verifier.quarkus;

import dev.latchkey.verifier.FailureReason;
import dev.latchkey.verifier.TokenVerifier;
import dev.latchkey.verifier.VerificationRequest;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.quarkus.vertx.http.runtime.security.HttpCredentialTransport;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import jakarta.inject.Singleton;

import java.util.Set;

/**
 * Finds the credential where DESIGN.md §6 allows it — {@code Authorization: Bearer}, then {@code Auth-Token},
 * then {@code auth_token} of a POST form body (read by {@link CredentialLocationFilter}) — and hands it to
 * {@link LatchkeyIdentityProvider}. No credential = anonymous (a {@link RequiresScope} method then answers 401).
 */
@Singleton
public class LatchkeyAuthenticationMechanism implements HttpAuthenticationMechanism {
    static final String AUTH_TOKEN_HEADER = "Auth-Token";
    static final String AUTH_TOKEN_FORM_FIELD = "auth_token";

    /** Ahead of quarkus-oidc ({@code DEFAULT_PRIORITY + 1}): Latchkey credentials never reach it. */
    static final int PRIORITY = DEFAULT_PRIORITY + 2;

    private final VerifierConfig config;
    private final TokenVerifier verifier;
    /** JWTs of issuers this library does not trust are left to quarkus-oidc (people's upstream tokens). */
    private final boolean deferForeignJwts;
    private final PeopleConfig people;

    LatchkeyAuthenticationMechanism(VerifierConfig config, PeopleConfig people, TokenVerifier verifier) {
        this.config = config;
        this.verifier = verifier;
        this.people = people;
        this.deferForeignJwts = config.deferForeignJwts() || people.issuer().isPresent();
    }

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identityProviderManager) {
        String credential = credential(context);
        if (credential == null || (deferForeignJwts && !verifier.isOwnCredential(credential))) {
            return Uni.createFrom().nullItem();
        }
        HttpServerRequest http = context.request();
        VerificationRequest request = new VerificationRequest(credential,
                http.getHeader(HttpHeaders.ORIGIN), http.getHeader(HttpHeaders.REFERER),
                certificateThumbprint(context), clientIp(http));
        return identityProviderManager.authenticate(new LatchkeyAuthenticationRequest(request))
                .onFailure(AuthenticationFailedException.class).invoke(e -> {
                    Object reason = ((AuthenticationFailedException) e).getAttributes()
                            .get(LatchkeyIdentityProvider.FAILURE_REASON);
                    if (reason != null) {
                        context.put(LatchkeyIdentityProvider.FAILURE_REASON, reason);
                    }
                });
    }

    /**
     * The client's IP address as Quarkus resolved it ({@code quarkus.http.proxy.*}: a trusted proxy's
     * {@code X-Forwarded-For}, else the peer), or {@code null} when it is not an IP literal.
     */
    static String clientIp(HttpServerRequest http) {
        return http.remoteAddress() == null ? null : http.remoteAddress().hostAddress();
    }

    static String credential(RoutingContext context) {
        HttpServerRequest http = context.request();
        String authorization = http.getHeader(HttpHeaders.AUTHORIZATION);
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            String value = authorization.substring(7).trim();
            return value.isEmpty() ? null : value;
        }
        String header = http.getHeader(AUTH_TOKEN_HEADER);
        if (header != null && !header.isBlank()) {
            return header.trim();
        }
        if (CredentialLocationFilter.isFormPost(http)) {
            String field = http.getFormAttribute(AUTH_TOKEN_FORM_FIELD);
            if (field != null && !field.isBlank()) {
                return field.trim();
            }
        }
        return null;
    }

    private String certificateThumbprint(RoutingContext context) {
        return ClientCertificates.ofRequest(context.request(), config.clientCertificateHeader());
    }

    @Override
    public int getPriority() {
        return PRIORITY;
    }

    /**
     * A person's upstream token that maps to no active member gets a problem body saying why (not provisioned,
     * disabled, tenant unavailable): a person can act on that, unlike on the reasons of a refused credential.
     */
    @Override
    public Uni<Boolean> sendChallenge(RoutingContext context) {
        if (Boolean.TRUE.equals(context.get(UpstreamPersonAugmentor.UPSTREAM_FAILURE))
                && context.get(LatchkeyIdentityProvider.FAILURE_REASON) instanceof FailureReason reason) {
            HttpServerResponse response = context.response();
            response.setStatusCode(reason.status());
            if (reason.status() == 503) {
                response.putHeader("Retry-After", "1");
            } else {
                response.putHeader("WWW-Authenticate", "Bearer error=\"invalid_token\"");
            }
            response.putHeader(HttpHeaders.CONTENT_TYPE, "application/problem+json");
            response.end(PeopleProblems.body(reason, people));
            return Uni.createFrom().item(true);
        }
        return HttpAuthenticationMechanism.super.sendChallenge(context);
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        Object reason = context.get(LatchkeyIdentityProvider.FAILURE_REASON);
        return Uni.createFrom().item(challenge(reason instanceof FailureReason r ? r : null));
    }

    /**
     * The answer to a failed verification (RFC 6750 §3): 401 with {@code WWW-Authenticate}, or 503 when the
     * verification could not be made. Public for routes that verify outside Quarkus' security (the answer stays
     * the same).
     */
    public static ChallengeData challenge(FailureReason reason) {
        if (reason != null && reason.status() == 503) {
            return new ChallengeData(503, "Retry-After", "1");
        }
        if (reason == null || reason == FailureReason.MISSING) {
            return new ChallengeData(401, "WWW-Authenticate", "Bearer");
        }
        return new ChallengeData(401, "WWW-Authenticate", "Bearer error=\"invalid_token\"");
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        return Set.of(LatchkeyAuthenticationRequest.class);
    }

    @Override
    public Uni<HttpCredentialTransport> getCredentialTransport(RoutingContext context) {
        return Uni.createFrom().item(new HttpCredentialTransport(HttpCredentialTransport.Type.AUTHORIZATION, "bearer"));
    }
}
