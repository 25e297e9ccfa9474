package dev.latchkey.verifier.quarkus;

import dev.latchkey.verifier.FailureReason;
import dev.latchkey.verifier.LatchkeyPrincipal;
import dev.latchkey.verifier.MemberDirectory;
import dev.latchkey.verifier.Scopes;
import dev.latchkey.verifier.TokenVerifier;
import dev.latchkey.verifier.UpstreamPeople;
import dev.latchkey.verifier.VerificationResult;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.credential.TokenCredential;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Singleton;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.lang.JoseException;

import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Turns the identity quarkus-oidc's default tenant made of a person's bearer token into a Latchkey member identity
 * ({@link UpstreamPeople}: tenant claim, member by userName, active, scopes = what the member's current role allows).
 * A person who maps to no active member is refused here, so a resource never sees an upstream identity: 401 (503 when
 * the directory cannot answer) with a problem detail, written by {@link LatchkeyAuthenticationMechanism}.
 *
 * <p>Only the default tenant's access tokens are mapped; identities of named tenants (e.g. a web-app sign-in) are left
 * as they are for their own code.
 */
@Singleton
public class UpstreamPersonAugmentor implements SecurityIdentityAugmentor {
    /** quarkus-oidc's identity attribute with the tenant id, and the id of its default tenant. */
    static final String OIDC_TENANT_ID = "tenant-id";
    static final String OIDC_DEFAULT_TENANT = "Default";
    /** Routing-context key: the refusal was of a person's upstream token (its challenge has a problem body). */
    static final String UPSTREAM_FAILURE = "latchkey.upstream-failure";

    private final UpstreamPeople people;
    private final Instance<MemberDirectory> directory;
    private final TokenVerifier verifier;
    private final LatchkeyAuthenticationMechanism mechanism;
    private final PeopleConfig config;

    UpstreamPersonAugmentor(PeopleConfig config, Scopes scopes, Instance<MemberDirectory> directory,
                            TokenVerifier verifier, LatchkeyAuthenticationMechanism mechanism) {
        this.config = config;
        this.people = new UpstreamPeople(scopes, config.tenantClaim(), config.userNameClaim());
        this.directory = directory;
        this.verifier = verifier;
        this.mechanism = mechanism;
    }

    void check(@Observes StartupEvent event) {
        if (config.issuer().isPresent() && !directory.isResolvable()) {
            Log.errorf("latchkey.oidc.issuer is set but this application has no %s bean: every person's upstream "
                    + "token will be refused (503)", MemberDirectory.class.getSimpleName());
        }
    }

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        return augment(identity, context, Map.of());
    }

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context,
                                         Map<String, Object> attributes) {
        if (identity.isAnonymous() || identity.getPrincipal() instanceof LatchkeyPrincipal
                || !OIDC_DEFAULT_TENANT.equals(identity.getAttribute(OIDC_TENANT_ID))) {
            return Uni.createFrom().item(identity);
        }
        TokenCredential token = identity.getCredential(TokenCredential.class);
        if (token == null || !"bearer".equals(token.getType())) {
            return Uni.createFrom().item(identity);
        }
        RoutingContext http = HttpSecurityUtils.getRoutingContextAttribute(attributes);
        Map<String, Object> claims = claims(token.getToken());
        return VertxContexts.onCallersContext(() -> Uni.createFrom().completionStage(() -> claims == null
                        ? CompletableFuture.completedFuture(VerificationResult.failure(FailureReason.MALFORMED))
                        : directory.isResolvable() ? people.principalOf(claims, directory.get())
                        : CompletableFuture.completedFuture(VerificationResult.failure(FailureReason.DIRECTORY_UNAVAILABLE))))
                .map(result -> toIdentity(result, http));
    }

    private SecurityIdentity toIdentity(VerificationResult result, RoutingContext http) {
        if (result.isSuccess()) {
            verifier.recordSuccess();
            return new LatchkeyIdentity(result.principal());
        }
        FailureReason reason = result.failure();
        verifier.recordFailure(reason, null, http == null || http.request().remoteAddress() == null ? null
                : http.request().remoteAddress().hostAddress());
        if (http != null) {
            // this mechanism's challenge, not quarkus-oidc's: it says why in a problem body
            http.put(HttpAuthenticationMechanism.class.getName(), mechanism);
            http.put(LatchkeyIdentityProvider.FAILURE_REASON, reason);
            http.put(UPSTREAM_FAILURE, Boolean.TRUE);
        }
        throw new AuthenticationFailedException(reason.code(), Map.of(LatchkeyIdentityProvider.FAILURE_REASON, reason));
    }

    /**
     * The claims of a token quarkus-oidc has already verified (signature, issuer, audience, lifetime): read, not
     * verified again. {@code null} if it is not a JWT (an opaque upstream token: not supported).
     */
    static Map<String, Object> claims(String token) {
        try {
            JsonWebSignature jws = new JsonWebSignature();
            jws.setCompactSerialization(token);
            return JwtClaims.parse(jws.getUnverifiedPayload()).getClaimsMap();
        } catch (JoseException | InvalidJwtException | RuntimeException e) {
            return null;
        }
    }
}
