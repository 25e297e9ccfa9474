package dev.latchkey.verifier;

/**
 * What the verifier needs from one HTTP request. Built by the framework integration.
 *
 * @param credential            the extracted credential (Bearer, Auth-Token or auth_token), never logged
 * @param origin                the {@code Origin} header, or {@code null}
 * @param referer               the {@code Referer} header, or {@code null}
 * @param certificateThumbprint base64url SHA-256 of the client certificate's DER (TLS or trusted ingress header),
 *                              or {@code null} when there is none
 * @param clientIp              for usage reports
 */
public record VerificationRequest(String credential, String origin, String referer, String certificateThumbprint,
                                  String clientIp) {

    public static VerificationRequest of(String credential) {
        return new VerificationRequest(credential, null, null, null, null);
    }

    @Override
    public String toString() {
        return "VerificationRequest[origin=" + origin + ", clientIp=" + clientIp + "]";
    }
}
