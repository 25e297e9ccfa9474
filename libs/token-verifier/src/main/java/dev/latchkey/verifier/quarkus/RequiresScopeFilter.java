package dev.latchkey.verifier.quarkus;

import dev.latchkey.verifier.FailureReason;
import dev.latchkey.verifier.LatchkeyPrincipal;
import dev.latchkey.verifier.TokenVerifier;
import io.quarkus.logging.Log;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.vertx.ext.web.RoutingContext;
import jakarta.annotation.Priority;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;

import java.lang.reflect.Method;

/** Enforces {@link RequiresScope}. */
@Provider
@Priority(Priorities.AUTHORIZATION)
public class RequiresScopeFilter implements ContainerRequestFilter {
    @Context
    ResourceInfo resourceInfo;

    @Inject
    SecurityIdentity identity;

    /** Lazy: REST filters are created at static init, before the runtime configuration the verifier needs. */
    @Inject
    Instance<TokenVerifier> verifier;

    @Inject
    CurrentVertxRequest currentRequest;

    @Override
    public void filter(ContainerRequestContext request) {
        RequiresScope required = requiredScope();
        if (required == null) {
            return;
        }
        LatchkeyPrincipal principal = LatchkeyIdentity.principalOf(identity);
        if (principal == null) {
            verifier.get().recordFailure(FailureReason.MISSING);
            request.abortWith(Response.status(401).header(HttpHeaders.WWW_AUTHENTICATE, "Bearer").build());
            return;
        }
        if (!principal.hasScope(required.value())) {
            verifier.get().recordFailure(FailureReason.INSUFFICIENT_SCOPE, principal, clientIp());
            Log.infof("credential refused: insufficient_scope (%s %s needs %s; %s %s of %s)", request.getMethod(),
                    request.getUriInfo().getPath(), required.value(), principal.credentialKind().value(),
                    principal.credentialId(), principal.tenant());
            request.abortWith(Response.status(403)
                    .header(HttpHeaders.WWW_AUTHENTICATE, insufficientScopeChallenge(required.value()))
                    .type("application/problem+json")
                    .entity(insufficientScopeProblem(required.value()))
                    .build());
        }
    }

    /** {@code WWW-Authenticate} of a 403 for a missing scope (RFC 6750 §3.1). */
    public static String insufficientScopeChallenge(String scope) {
        return "Bearer error=\"insufficient_scope\", scope=\"" + scope + "\"";
    }

    /** The problem+json body of that 403. */
    public static String insufficientScopeProblem(String scope) {
        return "{\"type\":\"https://latchkey.dev/problems/insufficient-scope\",\"title\":\"Insufficient scope\","
                + "\"status\":403,\"detail\":\"This operation requires the scope '" + scope + "'.\"}";
    }

    private String clientIp() {
        RoutingContext context = currentRequest.getCurrent();
        return context == null ? null : LatchkeyAuthenticationMechanism.clientIp(context.request());
    }

    private RequiresScope requiredScope() {
        Method m = resourceInfo.getResourceMethod();
        if (m == null) {
            return null;
        }
        RequiresScope s = m.getAnnotation(RequiresScope.class);
        return s != null ? s : resourceInfo.getResourceClass().getAnnotation(RequiresScope.class);
    }
}
