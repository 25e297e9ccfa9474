package dev.latchkey.verifier.quarkus;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@code latchkey.verifier.*}: see the module README for every key. */
@ConfigMapping(prefix = "latchkey.verifier")
public interface VerifierConfig {

    /** Token-service introspection. */
    Introspection introspection();

    /** Trusted JWT issuers by a name of your choice: {@code latchkey.verifier.issuers.<name>.issuer/jwks-url}. */
    Map<String, Issuer> issuers();

    /** Accepted {@code aud} values of JWT access tokens. */
    @WithDefault("latchkey")
    List<String> audience();

    /** Accepted JWS algorithms ({@code none} can never be). */
    @WithDefault("ES256,PS256,EdDSA,RS256")
    List<String> algorithms();

    /** Tolerance for JWT exp / nbf / iat. */
    @WithDefault("30S")
    Duration clockSkew();

    Cache cache();

    Revocations revocations();

    Usage usage();

    /** Failed authentications reported to the audit trail ({@code latchkey.authentication.events}). */
    Failures failures();

    /**
     * Header in which a trusted ingress forwards the client certificate (URL-encoded PEM, as nginx's
     * {@code $ssl_client_escaped_cert}), e.g. {@code ssl-client-cert}. Unset = only the TLS connection's own
     * certificate counts. Set it only when every request passes through that ingress.
     */
    Optional<String> clientCertificateHeader();

    /**
     * When the application also authenticates another provider's bearer JWTs (quarkus-oidc): a JWT whose
     * {@code iss} is not one of {@link #issuers()} is left to the other mechanism instead of answering 401.
     */
    @WithDefault("false")
    boolean deferForeignJwts();

    /** Scope entity catalog (DESIGN §4). */
    @WithDefault("account,user,collection,event,system_user,touchpoint,token,oauth_app,service_account,member,audit")
    List<String> scopeEntities();

    interface Introspection {
        /** e.g. {@code http://localhost:8081/api/v1/tokens/introspect}; unset = opaque tokens answer 503. */
        Optional<URI> url();

        /** A credential holding {@code token:introspect} (from the environment or a Secret). */
        Optional<String> credential();

        @WithDefault("2S")
        Duration timeout();
    }

    interface Issuer {
        /** Exact {@code iss} value. */
        String issuer();

        /** Where its JWKS is served. */
        String jwksUrl();
    }

    interface Cache {
        /** How long an active introspection answer is reused (never past the token's exp). */
        @WithDefault("30S")
        Duration positiveTtl();

        /** How long an inactive answer is reused. */
        @WithDefault("5S")
        Duration negativeTtl();

        @WithDefault("100000")
        long maxEntries();
    }

    interface Revocations {
        /** Turn off only where there is no Kafka (then revocations are NOT enforced locally). */
        @WithDefault("true")
        boolean enabled();

        /** Behind the revocation topic for longer than this = fail closed (401, readiness DOWN). */
        @WithDefault("30S")
        Duration lagBound();

        /** Defaults to {@code kafka.bootstrap.servers}. */
        Optional<String> bootstrapServers();
    }

    interface Usage {
        @WithDefault("true")
        boolean enabled();

        @WithDefault("1S")
        Duration interval();

        /** CloudEvents source of usage reports; defaults to {@code /latchkey/verifier/<application name>}. */
        Optional<String> source();
    }

    interface Failures {
        @WithDefault("true")
        boolean enabled();

        /** Refusals are aggregated for this long, then published. */
        @WithDefault("1S")
        Duration interval();

        /**
         * Distinct reports (tenant, reason, credential, client IP) per interval; refusals beyond are only counted
         * per reason and tenant. Bounds what an attacker can make this verifier write to Kafka.
         */
        @WithDefault("100")
        int maxReportsPerInterval();
    }
}
