package dev.latchkey.oauth.rest;

import dev.latchkey.oauth.config.OAuthConfig;
import dev.latchkey.verifier.quarkus.ClientCertificates;
import io.vertx.core.http.HttpServerRequest;
import jakarta.inject.Singleton;

/** The RFC 8705 thumbprint of the caller's client certificate: the TLS connection's, or a trusted ingress's header. */
@Singleton
public class ClientCertificate {
    private final OAuthConfig config;

    ClientCertificate(OAuthConfig config) {
        this.config = config;
    }

    public String thumbprint(HttpServerRequest request) {
        return ClientCertificates.ofRequest(request, config.clientCertificateHeader());
    }
}
