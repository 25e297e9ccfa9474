package dev.latchkey.verifier;

import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jwk.HttpsJwks;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.MalformedClaimException;
import org.jose4j.jwt.NumericDate;
import org.jose4j.jwt.consumer.ErrorCodes;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.jwt.consumer.JwtContext;
import org.jose4j.jwx.JsonWebStructure;
import org.jose4j.keys.resolvers.HttpsJwksVerificationKeyResolver;
import org.jose4j.keys.resolvers.VerificationKeyResolver;
import org.jose4j.lang.InvalidAlgorithmException;
import org.jose4j.lang.UnresolvableKeyException;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Verifies RFC 9068 JWT access tokens with jose4j against the JWKS of each configured issuer. The JWKS resolver
 * refetches the key set when a token names a {@code kid} it does not know (key rotation). Blocking (JWKS fetch,
 * signature): callers run it off the event loop and cache the outcome.
 */
public final class JwtVerifier {
    public static final String ACCESS_TOKEN_TYPE = "at+jwt";
    public static final List<String> DEFAULT_ALGORITHMS = List.of(
            AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256,
            AlgorithmIdentifiers.RSA_PSS_USING_SHA256,
            AlgorithmIdentifiers.EDDSA,
            AlgorithmIdentifiers.RSA_USING_SHA256);

    /** One trusted issuer and where its keys come from. */
    public record Issuer(String issuer, VerificationKeyResolver keys) {
        /** Keys from a JWKS URL, refreshed on an unknown kid. */
        public static Issuer jwks(String issuer, String jwksUrl) {
            HttpsJwks jwks = new HttpsJwks(jwksUrl);
            jwks.setDefaultCacheDuration(600);
            jwks.setRetainCacheOnErrorDuration(3600);
            HttpsJwksVerificationKeyResolver resolver = new HttpsJwksVerificationKeyResolver(jwks);
            return new Issuer(issuer, resolver);
        }
    }

    /** Either the claims or why not. */
    public record Outcome(VerifiedJwt jwt, FailureReason failure) {
    }

    private static final JwtConsumer UNVERIFIED = new JwtConsumerBuilder()
            .setSkipAllValidators()
            .setDisableRequireSignature()
            .setSkipSignatureVerification()
            .build();

    private static final System.Logger LOG = System.getLogger(JwtVerifier.class.getName());

    private final Map<String, JwtConsumer> consumers = new LinkedHashMap<>();
    private final Set<String> algorithms;

    public JwtVerifier(List<Issuer> issuers, Collection<String> audiences, Duration clockSkew,
                       Collection<String> algorithms) {
        this.algorithms = Set.copyOf(algorithms);
        if (this.algorithms.contains(AlgorithmIdentifiers.NONE)) {
            throw new IllegalArgumentException("alg none can never be accepted");
        }
        for (Issuer issuer : issuers) {
            consumers.put(issuer.issuer(), new JwtConsumerBuilder()
                    .setExpectedIssuer(true, issuer.issuer())
                    .setExpectedAudience(true, audiences.toArray(String[]::new))
                    .setExpectedType(true, ACCESS_TOKEN_TYPE)
                    .setRequireExpirationTime()
                    .setRequireIssuedAt()
                    .setRequireSubject()
                    .setRequireJwtId()
                    .setAllowedClockSkewInSeconds((int) clockSkew.toSeconds())
                    .setJwsAlgorithmConstraints(new AlgorithmConstraints(
                            AlgorithmConstraints.ConstraintType.PERMIT, algorithms.toArray(String[]::new)))
                    .setVerificationKeyResolver(issuer.keys())
                    .build());
        }
    }

    /**
     * Whether the (unverified) {@code iss} of a JWT is one of ours: lets an application that also accepts another
     * provider's bearer tokens (quarkus-oidc) leave those to it. Cheap: parsing only, no signature.
     */
    public boolean isOwnIssuer(String jwt) {
        try {
            String iss = UNVERIFIED.process(jwt).getJwtClaims().getIssuer();
            return iss != null && consumers.containsKey(iss);
        } catch (InvalidJwtException | MalformedClaimException e) {
            return false;
        }
    }

    public Outcome verify(String jwt) {
        JwtContext context;
        try {
            context = UNVERIFIED.process(jwt);
        } catch (InvalidJwtException e) {
            return failure(FailureReason.MALFORMED);
        }
        List<JsonWebStructure> structures = context.getJoseObjects();
        if (structures.size() != 1) {
            // nested or encrypted tokens are not what oauth-service issues
            return failure(FailureReason.MALFORMED);
        }
        String alg = structures.get(0).getAlgorithmHeaderValue();
        if (alg == null || !algorithms.contains(alg)) {
            // before any key look-up: an HS256 token "signed" with a public key must never reach a verifier
            return failure(FailureReason.ALGORITHM_REFUSED);
        }
        String issuer;
        try {
            issuer = context.getJwtClaims().getIssuer();
        } catch (MalformedClaimException e) {
            return failure(FailureReason.MALFORMED);
        }
        JwtConsumer consumer = issuer == null ? null : consumers.get(issuer);
        if (consumer == null) {
            return failure(FailureReason.WRONG_ISSUER);
        }
        try {
            consumer.processContext(context);
        } catch (InvalidJwtException e) {
            return failure(reasonOf(e));
        }
        try {
            JwtClaims c = context.getJwtClaims();
            String tenant = c.getStringClaimValue("tenant");
            if (tenant == null) {
                return failure(FailureReason.MISSING_CLAIM);
            }
            String ownerType = c.getStringClaimValue("owner_type");
            String thumbprint = null;
            Object cnf = c.getClaimValue("cnf");
            if (cnf instanceof Map<?, ?> m && m.get("x5t#S256") instanceof String s) {
                thumbprint = s;
            }
            return new Outcome(new VerifiedJwt(issuer, c.getSubject(),
                    ownerType == null ? Scopes.PRINCIPAL_MEMBER : ownerType, tenant, c.getJwtId(),
                    c.getStringClaimValue("client_id"), Set.copyOf(Scopes.parseList(c.getStringClaimValue("scope"))),
                    instant(c.getIssuedAt()), instant(c.getExpirationTime()), thumbprint), null);
        } catch (MalformedClaimException e) {
            return failure(FailureReason.MALFORMED);
        }
    }

    private static FailureReason reasonOf(InvalidJwtException e) {
        if (e.hasExpired()) {
            return FailureReason.EXPIRED;
        }
        if (e.hasErrorCode(ErrorCodes.NOT_YET_VALID) || e.hasErrorCode(ErrorCodes.ISSUED_AT_INVALID_FUTURE)) {
            return FailureReason.NOT_YET_VALID;
        }
        if (e.hasErrorCode(ErrorCodes.ISSUER_INVALID) || e.hasErrorCode(ErrorCodes.ISSUER_MISSING)) {
            return FailureReason.WRONG_ISSUER;
        }
        if (e.hasErrorCode(ErrorCodes.AUDIENCE_INVALID) || e.hasErrorCode(ErrorCodes.AUDIENCE_MISSING)) {
            return FailureReason.WRONG_AUDIENCE;
        }
        if (e.hasErrorCode(ErrorCodes.TYPE_INVALID) || e.hasErrorCode(ErrorCodes.TYPE_MISSING)) {
            return FailureReason.WRONG_TYPE;
        }
        if (e.hasErrorCode(ErrorCodes.SIGNATURE_INVALID) || e.hasErrorCode(ErrorCodes.SIGNATURE_MISSING)) {
            return FailureReason.BAD_SIGNATURE;
        }
        if (e.hasErrorCode(ErrorCodes.JWT_ID_MISSING) || e.hasErrorCode(ErrorCodes.SUBJECT_MISSING)
                || e.hasErrorCode(ErrorCodes.ISSUED_AT_MISSING) || e.hasErrorCode(ErrorCodes.EXPIRATION_MISSING)) {
            return FailureReason.MISSING_CLAIM;
        }
        for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
            if (t instanceof InvalidAlgorithmException) {
                return FailureReason.ALGORITHM_REFUSED;
            }
            if (t instanceof UnresolvableKeyException) {
                // no key with that kid even after refreshing the JWKS: not signed by the issuer
                return FailureReason.BAD_SIGNATURE;
            }
        }
        LOG.log(System.Logger.Level.INFO, "JWT refused for an unmapped reason: " + e.getErrorDetails());
        return FailureReason.MALFORMED;
    }

    private static Outcome failure(FailureReason reason) {
        return new Outcome(null, reason);
    }

    private static Instant instant(NumericDate d) {
        return d == null ? null : Instant.ofEpochMilli(d.getValueInMillis());
    }
}
