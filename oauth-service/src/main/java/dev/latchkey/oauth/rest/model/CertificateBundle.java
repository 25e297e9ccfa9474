package dev.latchkey.oauth.rest.model;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;

/**
 * A client certificate. {@code privateKeyPem}, {@code pkcs12} (base64) and {@code pkcs12Password} are present only
 * in the answer that issued it.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CertificateBundle(String serialNumber, String thumbprint, Instant notBefore, Instant notAfter,
                                String certificatePem, String caCertificatePem, String privateKeyPem, String pkcs12,
                                String pkcs12Password) {
}
