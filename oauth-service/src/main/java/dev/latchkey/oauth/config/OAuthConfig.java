package dev.latchkey.oauth.config;

import dev.latchkey.oauth.crypto.SigningAlgorithm;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithConverter;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** {@code latchkey.oauth.*}: see oauth-service/README.md. Secrets come from the environment only. */
@ConfigMapping(prefix = "latchkey.oauth")
public interface OAuthConfig {

    /** The issuer identifier (RFC 8414): the public base URL; endpoints in metadata are derived from it. */
    String issuer();

    /** {@code aud} of access tokens (what verifiers expect, {@code latchkey.verifier.audience}). */
    @WithDefault("latchkey")
    String audience();

    /** Server pepper of the client-secret HMAC ({@code LATCHKEY_OAUTH_SECRET_PEPPER}). */
    String secretPepper();

    /** Base64 of a 256-bit AES key encrypting signing keys and the CA key ({@code LATCHKEY_OAUTH_KEY_ENCRYPTION_KEY}). */
    String keyEncryptionKey();

    /** OAuth applications per tenant when the platform operator set no limit for it. */
    @WithDefault("2")
    int defaultApplicationLimit();

    /** How long a replica reuses an application / member look-up at the token endpoint (changes here invalidate at once). */
    @WithDefault("10S")
    Duration clientCacheTtl();

    @WithDefault("60S")
    Duration authorizationCodeTtl();

    @WithDefault("30D")
    Duration refreshTokenTtl();

    /** Header in which a trusted ingress forwards the client certificate (URL-encoded PEM). Unset = TLS only. */
    Optional<String> clientCertificateHeader();

    Keys keys();

    Mtls mtls();

    Cleanup cleanup();

    /** {@code GrantCleanupJob}: expired codes, ended refresh-token families, revoked jtis past exp. */
    interface Cleanup {
        /** How often each replica tries (one at a time does the work). */
        @WithDefault("1h")
        String every();

        /** How long expired codes and ended refresh-token families are kept (late replays still detected). */
        @WithDefault("1D")
        Duration retention();

        /** Rows per table and transaction; refresh tokens: families per transaction. */
        @WithDefault("1000")
        int batchSize();
    }

    Certificates certificates();

    interface Keys {
        /**
         * What new keys are made for: {@code ES256} or {@code EdDSA} (Ed25519). Each key keeps its own algorithm;
         * after a change the algorithm signs from the next rotation on (oauth-service/README.md).
         */
        @WithDefault("ES256")
        @WithConverter(SigningAlgorithmConverter.class)
        SigningAlgorithm algorithm();

        /** How long a key stays current before the next one takes over. */
        @WithDefault("30D")
        Duration rotationPeriod();

        /** How often each replica re-reads the key set (picks up a rotation made by another replica). */
        @WithDefault("30S")
        Duration reloadInterval();

        /**
         * How long a {@code next} key is published, beyond every replica's reload, before a scheduled rotation lets it
         * sign: the JWKS max-age (5 minutes) and quarkus-oidc's default {@code forced-jwk-refresh-interval} (10
         * minutes: a stock resource server that refreshed its JWKS just before the key appeared refreshes again on an
         * unknown kid only then). A next key made at the previous rotation has been published for a whole rotation
         * period; only one just made (after a change of algorithm, or when there was none) makes a due rotation wait.
         * Shorter only where every verifier refreshes sooner (tests rotating every few seconds).
         */
        @WithDefault("15M")
        Duration nextKeyLead();

        /**
         * Whether ES256 signs and verifies through AWS-LC (Amazon Corretto Crypto Provider) where its native library
         * loads (a JVM on Linux x86-64), ~3.5x faster than BouncyCastle, which serves everywhere else
         * ({@link dev.latchkey.oauth.crypto.SignatureProviders}).
         */
        @WithDefault("true")
        boolean awsLc();
    }

    /** The mutual-TLS listener: the HTTPS port ({@code quarkus.http.ssl-port}) with {@code client-auth=request}. */
    interface Mtls {
        /** Public base URL of that listener; the metadata's {@code mtls_endpoint_aliases} derive from it. Unset = none. */
        Optional<String> baseUrl();

        /** DNS names and IP addresses in the listener's certificate (issued by the Latchkey CA). */
        @WithDefault("localhost,127.0.0.1")
        List<String> serverNames();
    }

    interface Certificates {
        @WithDefault("365D")
        Duration validity();

        /** How long before expiry a {@code certificate.expiring} event is published. */
        @WithDefault("30D")
        Duration expiringLeadTime();
    }
}
