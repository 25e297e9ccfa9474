package dev.latchkey.oauth.service;

import dev.latchkey.oauth.config.OAuthConfig;
import dev.latchkey.oauth.model.Application;
import dev.latchkey.verifier.OpaqueTokens;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Singleton;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;

/**
 * Client authentication at the token, revocation and introspection endpoints: {@code client_secret_basic},
 * {@code client_secret_post}, {@code tls_client_auth} and {@code self_signed_tls_client_auth} (RFC 8705). An
 * application with mutual TLS on, or with a self-signed certificate registered, must always present one of its
 * certificates, whichever method it uses; the certificate is matched by its SHA-256 thumbprint, never by its
 * subject (a self-signed certificate can claim any subject). Costs one HMAC and a cache look-up.
 */
@Singleton
public class ClientAuthenticator {
    public static final String BASIC = "client_secret_basic";
    public static final String POST = "client_secret_post";
    public static final String TLS = "tls_client_auth";
    public static final String SELF_SIGNED_TLS = "self_signed_tls_client_auth";

    /** An authenticated client; {@code boundThumbprint} is set when its tokens must be certificate-bound. */
    public record AuthenticatedClient(ClientRegistry.Client client, String method, String boundThumbprint) {
        public Application application() {
            return client.application();
        }
    }

    private final ClientRegistry registry;
    private final OAuthConfig config;
    private final Clock clock = Clock.systemUTC();

    ClientAuthenticator(ClientRegistry registry, OAuthConfig config) {
        this.registry = registry;
        this.config = config;
    }

    public Uni<AuthenticatedClient> authenticate(Map<String, String> params, String authorization, String thumbprint) {
        boolean basic = authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6);
        String clientId;
        String secret;
        String method;
        if (basic) {
            String decoded;
            try {
                decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw new OAuthException(OAuthError.INVALID_CLIENT, "The Basic credentials are not valid base64.", true);
            }
            int colon = decoded.indexOf(':');
            if (colon < 0) {
                throw new OAuthException(OAuthError.INVALID_CLIENT, "The Basic credentials must be client_id:client_secret.", true);
            }
            clientId = formDecode(decoded.substring(0, colon));
            secret = formDecode(decoded.substring(colon + 1));
            if (params.containsKey("client_secret")) {
                throw new OAuthException(OAuthError.INVALID_REQUEST, "Use exactly one client authentication method.");
            }
            if (params.containsKey("client_id") && !params.get("client_id").equals(clientId)) {
                throw new OAuthException(OAuthError.INVALID_CLIENT, "client_id does not match the Basic credentials.", true);
            }
            method = BASIC;
        } else if (params.containsKey("client_secret")) {
            clientId = params.get("client_id");
            secret = params.get("client_secret");
            method = POST;
            if (clientId == null) {
                throw new OAuthException(OAuthError.INVALID_CLIENT, "client_id is required with client_secret.");
            }
        } else if (params.containsKey("client_id") && thumbprint != null) {
            clientId = params.get("client_id");
            secret = null;
            method = TLS;
        } else {
            throw new OAuthException(OAuthError.INVALID_CLIENT, "Client authentication is required "
                    + "(client_secret_basic, client_secret_post, tls_client_auth or self_signed_tls_client_auth).", authorization == null);
        }
        boolean challenge = basic;
        String finalMethod = method;
        return registry.client(clientId).map(found -> {
            if (found.isEmpty()) {
                throw new OAuthException(OAuthError.INVALID_CLIENT, "Unknown client or wrong credentials.", challenge);
            }
            ClientRegistry.Client client = found.get();
            Application app = client.application();
            Instant now = clock.instant();
            if (secret != null && !secretMatches(app, secret, now)) {
                throw new OAuthException(OAuthError.INVALID_CLIENT, "Unknown client or wrong credentials.", challenge);
            }
            if (!client.usesCertificates()) {
                if (secret == null) {
                    throw new OAuthException(OAuthError.INVALID_CLIENT,
                            "This client does not use mutual TLS: authenticate with its client secret.");
                }
                return new AuthenticatedClient(client, finalMethod, null);
            }
            if (thumbprint == null) {
                throw new OAuthException(OAuthError.INVALID_CLIENT,
                        "This client uses mutual TLS: present its client certificate.", challenge);
            }
            Instant issuedNotAfter = client.certificates().get(thumbprint);
            Instant selfSignedNotAfter = client.selfSigned().get(thumbprint);
            if (issuedNotAfter == null && selfSignedNotAfter == null) {
                throw new OAuthException(OAuthError.INVALID_CLIENT, "The client certificate presented is neither this "
                        + "client's current certificate nor a self-signed certificate it registered.", challenge);
            }
            if (issuedNotAfter != null && !now.isBefore(issuedNotAfter)) {
                throw new OAuthException(OAuthError.INVALID_CLIENT, "The client certificate has expired: renew it.", challenge);
            }
            if (issuedNotAfter == null && !now.isBefore(selfSignedNotAfter)) {
                throw new OAuthException(OAuthError.INVALID_CLIENT,
                        "The self-signed client certificate has expired: register a new one.", challenge);
            }
            // without a secret the certificate is the authentication: name the method by the kind of certificate
            String authenticatedBy = TLS.equals(finalMethod) && issuedNotAfter == null ? SELF_SIGNED_TLS : finalMethod;
            return new AuthenticatedClient(client, authenticatedBy, thumbprint);
        });
    }

    private boolean secretMatches(Application app, String secret, Instant now) {
        if (!OpaqueTokens.isWellFormed(secret, OpaqueTokens.CLIENT_SECRET)) {
            return false;
        }
        String hash = OpaqueTokens.hmacSha256(config.secretPepper(), secret);
        if (OpaqueTokens.digestsEqual(hash, app.secretHash())) {
            return true;
        }
        return app.previousSecretHash() != null && app.previousSecretValidUntil() != null
                && now.isBefore(app.previousSecretValidUntil())
                && OpaqueTokens.digestsEqual(hash, app.previousSecretHash());
    }

    private static String formDecode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new OAuthException(OAuthError.INVALID_CLIENT, "The Basic credentials are not form-encoded.", true);
        }
    }
}
