package dev.latchkey.verifier;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.CRC32;

/**
 * The opaque credential format of DESIGN.md §5: {@code <prefix>} + 43 base62 characters (256 random bits) + 6
 * base62 characters of the CRC32 of everything before them. The checksum lets the verifier (and any secret
 * scanner) reject a mistyped or made-up token without a look-up; it is not a security property.
 *
 * <p>Base62 alphabet, in this order: {@code 0-9 A-Z a-z}. Numbers are big-endian and left-padded with {@code 0}.
 */
public final class OpaqueTokens {
    /** API token (member- or service-account-owned). */
    public static final String API_TOKEN = "lkt_";
    /** OAuth client secret. */
    public static final String CLIENT_SECRET = "lkc_";
    /** OAuth refresh token. */
    public static final String REFRESH_TOKEN = "lkr_";
    /** OAuth authorization code. */
    public static final String AUTHORIZATION_CODE = "lka_";
    public static final List<String> PREFIXES = List.of(API_TOKEN, CLIENT_SECRET, REFRESH_TOKEN, AUTHORIZATION_CODE);

    public static final int RANDOM_LENGTH = 43;
    public static final int CHECKSUM_LENGTH = 6;

    private static final String ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private static final BigInteger BASE = BigInteger.valueOf(62);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final HexFormat HEX = HexFormat.of();
    // a JCA look-up (provider list, service, policy checks) cost more than hashing a token: one instance per thread,
    // reset by each digest()/doFinal()
    private static final ThreadLocal<MessageDigest> SHA_256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    });
    private static final ThreadLocal<Mac> HMAC_SHA_256 = ThreadLocal.withInitial(() -> {
        try {
            return Mac.getInstance("HmacSHA256");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    });

    private OpaqueTokens() {
    }

    /** A new secret with the given prefix (one of {@link #PREFIXES}). Show it once; store {@link #sha256}. */
    public static String generate(String prefix) {
        requireKnownPrefix(prefix);
        byte[] bits = new byte[32];
        RANDOM.nextBytes(bits);
        String body = prefix + base62(new BigInteger(1, bits), RANDOM_LENGTH);
        return body + checksum(body);
    }

    /** Length, prefix, alphabet and checksum; no look-up. Never throws. */
    public static boolean isWellFormed(String token, String prefix) {
        if (token == null || prefix == null || !token.startsWith(prefix)
                || token.length() != prefix.length() + RANDOM_LENGTH + CHECKSUM_LENGTH) {
            return false;
        }
        for (int i = prefix.length(); i < token.length(); i++) {
            if (!isBase62(token.charAt(i))) {
                return false;
            }
        }
        int split = token.length() - CHECKSUM_LENGTH;
        return checksum(token.substring(0, split)).equals(token.substring(split));
    }

    /** Whether the token has the right shape for its prefix but not necessarily a valid checksum. */
    public static boolean hasShape(String token, String prefix) {
        if (token == null || prefix == null || !token.startsWith(prefix)
                || token.length() != prefix.length() + RANDOM_LENGTH + CHECKSUM_LENGTH) {
            return false;
        }
        for (int i = prefix.length(); i < token.length(); i++) {
            if (!isBase62(token.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** The stored form of a token: lowercase hex SHA-256 of its UTF-8 bytes. */
    public static String sha256(String token) {
        return HEX.formatHex(SHA_256.get().digest(token.getBytes(StandardCharsets.UTF_8)));
    }

    /** Stored form of a client secret: lowercase hex HMAC-SHA-256 keyed with the server's pepper. */
    public static String hmacSha256(String pepper, String value) {
        Mac mac = HMAC_SHA_256.get();
        try {
            mac.init(new SecretKeySpec(pepper.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 refuses the pepper", e);
        }
        return HEX.formatHex(mac.doFinal(value.getBytes(StandardCharsets.UTF_8)));
    }

    /** Display hint that identifies a token to its owner without revealing it: {@code lkt_Ab…x9}. */
    public static String hint(String token) {
        String prefix = PREFIXES.stream().filter(token::startsWith).findFirst().orElse("");
        String rest = token.substring(prefix.length());
        if (rest.length() < 4) {
            throw new IllegalArgumentException("not a token");
        }
        return prefix + rest.substring(0, 2) + "…" + rest.substring(rest.length() - 2);
    }

    /** Constant-time comparison of two stored forms (hex digests). */
    public static boolean digestsEqual(String a, String b) {
        return a != null && b != null && MessageDigest.isEqual(
                a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }

    static String checksum(String body) {
        CRC32 crc = new CRC32();
        crc.update(body.getBytes(StandardCharsets.US_ASCII));
        // a CRC32 (< 2^32) always fits in six base62 digits (62^6 > 5.6 * 10^10)
        long value = crc.getValue();
        char[] out = new char[CHECKSUM_LENGTH];
        for (int i = CHECKSUM_LENGTH - 1; i >= 0; i--) {
            out[i] = ALPHABET.charAt((int) (value % 62));
            value /= 62;
        }
        return new String(out);
    }

    private static String base62(BigInteger value, int length) {
        char[] out = new char[length];
        BigInteger v = value;
        for (int i = length - 1; i >= 0; i--) {
            BigInteger[] qr = v.divideAndRemainder(BASE);
            out[i] = ALPHABET.charAt(qr[1].intValue());
            v = qr[0];
        }
        if (v.signum() != 0) {
            throw new IllegalStateException("value does not fit in " + length + " base62 digits");
        }
        return new String(out);
    }

    private static boolean isBase62(char c) {
        return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
    }

    private static void requireKnownPrefix(String prefix) {
        if (!PREFIXES.contains(prefix)) {
            throw new IllegalArgumentException("unknown token prefix: " + prefix);
        }
    }
}
