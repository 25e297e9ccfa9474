package dev.latchkey.verifier.quarkus;

import io.vertx.core.http.HttpServerRequest;

import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import java.io.ByteArrayInputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Base64;
import java.util.Optional;

/** RFC 8705 §3.1 thumbprints: base64url (no padding) SHA-256 of the certificate's DER encoding. */
public final class ClientCertificates {
    private ClientCertificates() {
    }

    /**
     * The thumbprint of the caller's client certificate: the one forwarded in {@code trustedHeader} when that is
     * configured (set it only behind an ingress that overwrites the header) and present, else the TLS session's
     * peer certificate; {@code null} when there is none.
     */
    public static String ofRequest(HttpServerRequest request, Optional<String> trustedHeader) {
        if (trustedHeader.isPresent()) {
            String forwarded = request.getHeader(trustedHeader.get());
            if (forwarded != null && !forwarded.isBlank()) {
                return thumbprintOfForwarded(forwarded);
            }
        }
        SSLSession ssl = request.sslSession();
        if (ssl == null) {
            return null;
        }
        try {
            Certificate[] chain = ssl.getPeerCertificates();
            return chain.length == 0 ? null : thumbprint(chain[0]);
        } catch (SSLPeerUnverifiedException e) {
            return null;
        }
    }

    public static String thumbprint(Certificate certificate) {
        try {
            return thumbprint(certificate.getEncoded());
        } catch (GeneralSecurityException e) {
            return null;
        }
    }

    public static String thumbprint(byte[] der) {
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(MessageDigest.getInstance("SHA-256").digest(der));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    /** From a URL-encoded PEM header value (nginx {@code $ssl_client_escaped_cert}); {@code null} if unreadable. */
    public static String thumbprintOfForwarded(String headerValue) {
        try {
            String pem = URLDecoder.decode(headerValue, StandardCharsets.UTF_8);
            Certificate c = CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
            return thumbprint(c);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return null;
        }
    }
}
