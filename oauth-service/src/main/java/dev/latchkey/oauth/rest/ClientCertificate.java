package dev.latchkey.oauth.rest;

import dev.latchkey.oauth.config.OAuthConfig;
import dev.latchkey.verifier.quarkus.ClientCertificates;
import io.vertx.core.http.HttpServerRequest;
import jakarta.inject.Singleton;

import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import java.security.cert.Certificate;

/** The RFC 8705 thumbprint of the caller's client certificate: the TLS connection's, or a trusted ingress's header. */
@Singleton
public class ClientCertificate {
    private final OAuthConfig config;

    ClientCertificate(OAuthConfig config) {
        this.config = config;
    }

    public String thumbprint(HttpServerRequest request) {
        if (config.clientCertificateHeader().isPresent()) {
            String forwarded = request.getHeader(config.clientCertificateHeader().get());
            if (forwarded != null && !forwarded.isBlank()) {
                return ClientCertificates.thumbprintOfForwarded(forwarded);
            }
        }
        SSLSession ssl = request.sslSession();
        if (ssl == null) {
            return null;
        }
        try {
            Certificate[] chain = ssl.getPeerCertificates();
            return chain.length == 0 ? null : ClientCertificates.thumbprint(chain[0]);
        } catch (SSLPeerUnverifiedException e) {
            return null;
        }
    }
}
