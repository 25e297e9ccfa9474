package dev.latchkey.oauth.rest;

import dev.latchkey.oauth.config.OAuthConfig;
import dev.latchkey.oauth.service.SigningKeys;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** RFC 8414 metadata, also at the OpenID Connect discovery path for stock clients. */
@Path("/.well-known")
@Produces(MediaType.APPLICATION_JSON)
public class DiscoveryResource {
    private final OAuthConfig config;
    private final SigningKeys keys;

    DiscoveryResource(OAuthConfig config, SigningKeys keys) {
        this.config = config;
        this.keys = keys;
    }

    @GET
    @Path("oauth-authorization-server")
    public Response oauthMetadata() {
        return cached(metadata(false));
    }

    @GET
    @Path("openid-configuration")
    public Response openidConfiguration() {
        return cached(metadata(true));
    }

    Map<String, Object> metadata(boolean openid) {
        String base = config.issuer().endsWith("/") ? config.issuer().substring(0, config.issuer().length() - 1) : config.issuer();
        List<String> authMethods = List.of("client_secret_basic", "client_secret_post", "tls_client_auth",
                "self_signed_tls_client_auth");
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("issuer", config.issuer());
        m.put("authorization_endpoint", base + "/oauth/authorize");
        m.put("token_endpoint", base + "/oauth/token");
        m.put("jwks_uri", base + "/oauth/jwks");
        m.put("revocation_endpoint", base + "/oauth/revoke");
        m.put("introspection_endpoint", base + "/oauth/introspect");
        m.put("response_types_supported", List.of("code"));
        m.put("response_modes_supported", List.of("query"));
        m.put("grant_types_supported", List.of("authorization_code", "refresh_token", "client_credentials"));
        m.put("code_challenge_methods_supported", List.of("S256"));
        m.put("token_endpoint_auth_methods_supported", authMethods);
        m.put("revocation_endpoint_auth_methods_supported", authMethods);
        m.put("introspection_endpoint_auth_methods_supported", authMethods);
        m.put("tls_client_certificate_bound_access_tokens", true);
        config.mtls().baseUrl().ifPresent(mtls -> {
            String b = mtls.endsWith("/") ? mtls.substring(0, mtls.length() - 1) : mtls;
            // RFC 8705 §5: where clients authenticating with their certificate send these requests
            m.put("mtls_endpoint_aliases", Map.of("token_endpoint", b + "/oauth/token",
                    "revocation_endpoint", b + "/oauth/revoke", "introspection_endpoint", b + "/oauth/introspect"));
        });
        m.put("authorization_response_iss_parameter_supported", true);
        m.put("scopes_supported", List.of("admin"));
        if (openid) {
            // required members of OpenID Connect discovery; this server issues access tokens only (no id_token)
            m.put("subject_types_supported", List.of("public"));
            // the algorithms of the published keys (the current key's first): what tokens are signed with
            m.put("id_token_signing_alg_values_supported", keys.active().algorithms());
        }
        return m;
    }

    private static Response cached(Map<String, Object> body) {
        return Response.ok(body).header("Cache-Control", "public, max-age=3600").build();
    }
}
