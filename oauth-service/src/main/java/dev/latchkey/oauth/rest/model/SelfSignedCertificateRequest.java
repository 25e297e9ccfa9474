package dev.latchkey.oauth.rest.model;

/** Registers a self-signed client certificate: its PEM ({@code -----BEGIN CERTIFICATE-----}), never a key. */
public record SelfSignedCertificateRequest(String certificatePem) {
}
