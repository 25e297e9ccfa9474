package dev.latchkey.oauth.rest;

import dev.latchkey.oauth.service.ClientAuthenticator;
import dev.latchkey.oauth.service.GrantService;
import dev.latchkey.oauth.service.OAuthError;
import dev.latchkey.oauth.service.OAuthException;
import dev.latchkey.oauth.service.TokenStateService;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** RFC 6749 token endpoint, RFC 7009 revocation, RFC 7662 introspection. Errors: RFC 6749 §5.2 JSON. */
@Path("/oauth")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_FORM_URLENCODED)
public class TokenResource {
    private final ClientAuthenticator authenticator;
    private final GrantService grants;
    private final TokenStateService tokens;
    private final ClientCertificate certificate;

    TokenResource(ClientAuthenticator authenticator, GrantService grants, TokenStateService tokens,
                  ClientCertificate certificate) {
        this.authenticator = authenticator;
        this.grants = grants;
        this.tokens = tokens;
        this.certificate = certificate;
    }

    @POST
    @Path("token")
    public Uni<Response> token(MultivaluedMap<String, String> form, @HeaderParam("Authorization") String authorization,
                               @Context HttpServerRequest request) {
        Map<String, String> params = single(form);
        String grantType = params.get("grant_type");
        if (grantType == null) {
            throw new OAuthException(OAuthError.INVALID_REQUEST, "grant_type is required.");
        }
        if (!List.of("client_credentials", "authorization_code", "refresh_token").contains(grantType)) {
            throw new OAuthException(OAuthError.UNSUPPORTED_GRANT_TYPE, "grant_type " + grantType + " is not supported.");
        }
        return authenticator.authenticate(params, authorization, certificate.thumbprint(request))
                .chain(client -> switch (grantType) {
                    case "client_credentials" -> grants.clientCredentials(client, params.get("scope"));
                    case "authorization_code" -> grants.authorizationCode(client, params.get("code"),
                            params.get("redirect_uri"), params.get("code_verifier"));
                    default -> grants.refresh(client, params.get("refresh_token"), params.get("scope"));
                })
                .map(r -> Response.ok(r).header("Cache-Control", "no-store").header("Pragma", "no-cache").build());
    }

    @POST
    @Path("revoke")
    public Uni<Response> revoke(MultivaluedMap<String, String> form, @HeaderParam("Authorization") String authorization,
                                @Context HttpServerRequest request) {
        Map<String, String> params = single(form);
        return authenticator.authenticate(params, authorization, certificate.thumbprint(request))
                .chain(client -> tokens.revoke(client, requiredToken(params)))
                .map(x -> Response.ok().header("Cache-Control", "no-store").build());
    }

    @POST
    @Path("introspect")
    public Uni<Response> introspect(MultivaluedMap<String, String> form, @HeaderParam("Authorization") String authorization,
                                    @Context HttpServerRequest request) {
        Map<String, String> params = single(form);
        return authenticator.authenticate(params, authorization, certificate.thumbprint(request))
                .chain(client -> tokens.introspect(client, requiredToken(params)))
                .map(body -> Response.ok(body).header("Cache-Control", "no-store").build());
    }

    /** RFC 6749 §3.2: parameters must not be repeated. */
    static Map<String, String> single(MultivaluedMap<String, String> form) {
        Map<String, String> params = new HashMap<>();
        if (form == null) {
            return params;
        }
        for (var e : form.entrySet()) {
            if (e.getValue().size() > 1) {
                throw new OAuthException(OAuthError.INVALID_REQUEST, "Parameter " + e.getKey() + " is repeated.");
            }
            if (!e.getValue().isEmpty() && !e.getValue().get(0).isEmpty()) {
                params.put(e.getKey(), e.getValue().get(0));
            }
        }
        return params;
    }

    /** RFC 7009 §2.1 and RFC 7662 §2.1: the {@code token} parameter is required. */
    private static String requiredToken(Map<String, String> params) {
        String token = params.get("token");
        if (token == null || token.isEmpty()) {
            throw new OAuthException(OAuthError.INVALID_REQUEST, "token is required.");
        }
        return token;
    }
}
