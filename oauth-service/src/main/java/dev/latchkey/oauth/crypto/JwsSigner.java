package dev.latchkey.oauth.crypto;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.util.Base64;
import java.util.function.Supplier;

/**
 * Signs payloads with one key into JWS compact serializations (RFC 7515 §7.1): {@code BASE64URL(header) "."
 * BASE64URL(payload) "." BASE64URL(signature)}, the signature of ES256 as R || S (RFC 7518 §3.4).
 *
 * <p>Why not jose4j, which verifies our tokens everywhere else: its encoding took more of a client-credentials grant
 * than the ES256 signature through AWS-LC (its Base64 sized an 8 KiB buffer per segment; 18 % of the service's
 * samples in a JFR profile of bench/oauth-service, oauth-service/README.md). Here the header is encoded once per key,
 * and each thread keeps its {@code Signature}, initialised with the key once: {@code sign()} resets it for the next
 * payload (JCA), so a token costs two Base64 encodings and one signature.
 */
public final class JwsSigner {
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private final String provider;
    private final byte[] encodedHeader;
    private final ThreadLocal<Signature> signatures;

    JwsSigner(String provider, String headerJson, Supplier<Signature> initialisedSignature) {
        this.provider = provider;
        this.encodedHeader = BASE64URL.encode(headerJson.getBytes(StandardCharsets.UTF_8));
        this.signatures = ThreadLocal.withInitial(initialisedSignature);
    }

    /** The JCA provider the signatures go through. */
    public String provider() {
        return provider;
    }

    /** The compact serialization of a JWS of {@code payload} (UTF-8 JSON). */
    public String sign(byte[] payload) {
        byte[] encodedPayload = BASE64URL.encode(payload);
        byte[] signingInput = new byte[encodedHeader.length + 1 + encodedPayload.length];
        System.arraycopy(encodedHeader, 0, signingInput, 0, encodedHeader.length);
        signingInput[encodedHeader.length] = '.';
        System.arraycopy(encodedPayload, 0, signingInput, encodedHeader.length + 1, encodedPayload.length);
        byte[] signature;
        try {
            Signature s = signatures.get();
            s.update(signingInput);
            signature = s.sign();
        } catch (GeneralSecurityException e) {
            signatures.remove(); // its state is unknown after a failure
            throw new IllegalStateException("signing failed", e);
        }
        return new String(signingInput, StandardCharsets.US_ASCII) + "." + BASE64URL.encodeToString(signature);
    }
}
