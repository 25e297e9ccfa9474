package dev.latchkey.oauth.rest.model;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The answer to a registration or a secret rotation: the client secret (and, for mutual TLS, the certificate
 * with its private key) is in this answer only — never again.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ApplicationWithSecret(ApplicationView application, String clientSecret, CertificateBundle certificate) {
}
