package dev.latchkey.verifier;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import dev.latchkey.events.credential.RevocationScope;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;

/**
 * Verifies one request's credential (DESIGN.md §6 steps 1–4): opaque {@code lkt_} tokens by checksum then cached
 * introspection, JWTs by cached local verification, then revocations, certificate binding and origin. Scope
 * checks (step 5) are the caller's, with {@link LatchkeyPrincipal#hasScope}.
 *
 * <p>Every outcome is counted ({@code latchkey_verifier_verifications_total{outcome,reason}}) and failures are
 * logged with their reason and never the credential.
 */
public final class TokenVerifier {
    private static final System.Logger LOG = System.getLogger(TokenVerifier.class.getName());

    /** An introspection answer and when (local nanos) it was asked for. */
    private record Introspected(IntrospectionResult result, long requestedNanos) {
    }

    private final VerifierSettings settings;
    private final Introspector introspector;
    private final JwtVerifier jwtVerifier;
    private final RevocationStore revocations;
    private final UsageRecorder usage;
    private final FailureRecorder refusals;
    private final Executor blockingExecutor;
    private final Clock clock;

    private final AsyncCache<String, Introspected> introspections;
    private final AsyncCache<String, JwtVerifier.Outcome> jwts;
    /** Cache keys whose entry a revocation dropped, with the revocation: to log why a re-introspection failed. */
    private final Cache<String, RevocationStore.Revocation> droppedByRevocation;

    /** Both TTLs zero: answers are never reused (e.g. inside token-service, which caches token states itself). */
    private final boolean cacheOff;

    private final Map<FailureReason, Counter> failures = new EnumMap<>(FailureReason.class);
    private final Counter successes;

    /**
     * @param jwtVerifier      {@code null} = JWTs are not accepted
     * @param revocations      the store a {@link RevocationConsumer} fills
     * @param usage            {@code null} = uses are not counted
     * @param blockingExecutor runs JWT verification (JWKS fetch, signature) off the caller's thread
     * @param registry         {@code null} = no metrics
     */
    public TokenVerifier(VerifierSettings settings, Introspector introspector, JwtVerifier jwtVerifier,
                         RevocationStore revocations, UsageRecorder usage, Executor blockingExecutor,
                         MeterRegistry registry, Clock clock) {
        this(settings, introspector, jwtVerifier, revocations, usage, null, blockingExecutor, registry, clock);
    }

    /** @param refusals {@code null} = failed authentications are not reported to the audit trail */
    public TokenVerifier(VerifierSettings settings, Introspector introspector, JwtVerifier jwtVerifier,
                         RevocationStore revocations, UsageRecorder usage, FailureRecorder refusals,
                         Executor blockingExecutor, MeterRegistry registry, Clock clock) {
        this.settings = settings;
        this.refusals = refusals;
        this.introspector = introspector;
        this.jwtVerifier = jwtVerifier;
        this.revocations = revocations;
        this.usage = usage;
        this.blockingExecutor = blockingExecutor;
        this.clock = clock;
        this.cacheOff = settings.positiveTtl().isZero() && settings.negativeTtl().isZero();
        this.introspections = Caffeine.newBuilder()
                .maximumSize(settings.maxCacheEntries())
                .expireAfter(new Expiry<String, Introspected>() {
                    @Override
                    public long expireAfterCreate(String key, Introspected value, long currentTime) {
                        return ttl(value.result()).toNanos();
                    }

                    @Override
                    public long expireAfterUpdate(String key, Introspected value, long currentTime, long currentDuration) {
                        return ttl(value.result()).toNanos();
                    }

                    @Override
                    public long expireAfterRead(String key, Introspected value, long currentTime, long currentDuration) {
                        return currentDuration;
                    }
                })
                .recordStats()
                .buildAsync();
        this.jwts = Caffeine.newBuilder()
                .maximumSize(settings.maxCacheEntries())
                .expireAfter(new Expiry<String, JwtVerifier.Outcome>() {
                    @Override
                    public long expireAfterCreate(String key, JwtVerifier.Outcome value, long currentTime) {
                        return ttl(value).toNanos();
                    }

                    @Override
                    public long expireAfterUpdate(String key, JwtVerifier.Outcome value, long currentTime, long currentDuration) {
                        return ttl(value).toNanos();
                    }

                    @Override
                    public long expireAfterRead(String key, JwtVerifier.Outcome value, long currentTime, long currentDuration) {
                        return currentDuration;
                    }
                })
                .recordStats()
                .buildAsync();
        this.droppedByRevocation = Caffeine.newBuilder().maximumSize(10_000)
                .expireAfterWrite(Duration.ofMinutes(10)).build();
        revocations.addListener(this::onRevocation);

        for (FailureReason r : FailureReason.values()) {
            failures.put(r, registry == null ? null : Counter.builder("latchkey.verifier.verifications")
                    .description("Credential verifications by outcome and reason")
                    .tag("outcome", "failure").tag("reason", r.code()).register(registry));
        }
        successes = registry == null ? null : Counter.builder("latchkey.verifier.verifications")
                .description("Credential verifications by outcome and reason")
                .tag("outcome", "success").tag("reason", "none").register(registry);
        if (registry != null) {
            CaffeineCacheMetrics.monitor(registry, introspections, "latchkey_verifier_introspections");
            CaffeineCacheMetrics.monitor(registry, jwts, "latchkey_verifier_jwts");
            Gauge.builder("latchkey.verifier.revocation.lag", revocations, r -> r.lag().toMillis() / 1000.0)
                    .description("Seconds since the revocation consumer was last at the end of the topic")
                    .baseUnit("seconds").register(registry);
            Gauge.builder("latchkey.verifier.revocation.records.behind", revocations, RevocationStore::recordsBehind)
                    .description("Revocation records not yet read (-1 = unknown)").register(registry);
            Gauge.builder("latchkey.verifier.revocation.entries", revocations, RevocationStore::size)
                    .description("Revocation records held in memory").register(registry);
        }
    }

    public RevocationStore revocations() {
        return revocations;
    }

    /** Whether verification fails closed right now because revocations are behind. */
    public boolean revocationsBehind() {
        return settings.revocationLagBound() != null && revocations.isBehind(settings.revocationLagBound());
    }

    public CompletionStage<VerificationResult> verify(VerificationRequest request) {
        String credential = request.credential();
        if (credential == null || credential.isEmpty()) {
            return done(fail(FailureReason.MISSING));
        }
        if (revocationsBehind()) {
            return done(fail(FailureReason.REVOCATIONS_BEHIND));
        }
        if (credential.startsWith(OpaqueTokens.API_TOKEN)) {
            if (!OpaqueTokens.hasShape(credential, OpaqueTokens.API_TOKEN)) {
                return done(fail(FailureReason.MALFORMED, request, null));
            }
            if (!OpaqueTokens.isWellFormed(credential, OpaqueTokens.API_TOKEN)) {
                return done(fail(FailureReason.BAD_CHECKSUM, request, null));
            }
            return verifyOpaque(credential, request);
        }
        if (jwtVerifier != null && looksLikeJwt(credential)) {
            return verifyJwt(credential, request);
        }
        return done(fail(FailureReason.MALFORMED, request, null));
    }

    /**
     * Whether this verifier is the one to judge a credential: any non-JWT, or a JWT of a configured issuer. A JWT of
     * another issuer (e.g. the tenant's upstream OpenID Connect provider) may be left to another mechanism.
     */
    public boolean isOwnCredential(String credential) {
        return !looksLikeJwt(credential) || (jwtVerifier != null && jwtVerifier.isOwnIssuer(credential));
    }

    /** Counts (and logs) a failure found outside {@link #verify}: credential in the query, missing scope. */
    public void recordFailure(FailureReason reason) {
        fail(reason);
    }

    /**
     * Counts, logs and reports to the audit trail a failure found outside {@link #verify} (also a person's
     * upstream token that maps to no active member).
     *
     * @param principal the authenticated principal (e.g. of a missing scope), or {@code null}
     * @param clientIp  the client's address
     */
    public void recordFailure(FailureReason reason, LatchkeyPrincipal principal, String clientIp) {
        fail(reason);
        if (refusals != null) {
            refusals.record(reason, principal == null ? null : CredentialOwner.of(principal), null, clientIp);
        }
    }

    /** Counts a success found outside {@link #verify}: a person's upstream token mapped to an active member. */
    public void recordSuccess() {
        if (successes != null) {
            successes.increment();
        }
    }

    // ---------------------------------------------------------------- opaque tokens

    private CompletionStage<VerificationResult> verifyOpaque(String token, VerificationRequest request) {
        String key = OpaqueTokens.sha256(token);
        CompletableFuture<Introspected> cached = introspections.getIfPresent(key);
        if (cached != null && cached.isDone() && !cached.isCompletedExceptionally()) {
            Introspected entry = cached.join();
            IntrospectionResult r = entry.result();
            if (!r.active() || !revocations.anyReceivedSince(entry.requestedNanos())) {
                // the cached path: no continuation, no dependent future
                return done(finishOpaque(key, r, request));
            }
        }
        return introspect(key, token).thenCompose(entry -> {
            IntrospectionResult r = entry.result();
            if (r.active()) {
                RevocationStore.Revocation newer = revocations.newerThan(entry.requestedNanos(), r.tenant(), r.sub(), r.tokenId());
                if (newer != null) {
                    // a revocation arrived after this answer was asked for: ask again, token-service knows the truth
                    introspections.synchronous().invalidate(key);
                    droppedByRevocation.put(key, newer);
                    return introspect(key, token).thenApply(again -> finishOpaque(key, again.result(), request));
                }
            }
            return CompletableFuture.completedFuture(finishOpaque(key, r, request));
        }).exceptionally(e -> fail(FailureReason.INTROSPECTION_UNAVAILABLE, e));
    }

    private CompletableFuture<Introspected> introspect(String key, String token) {
        if (cacheOff) {
            // nothing would stay in the cache: ask the introspector (which may cache itself) without the cache's
            // insert-and-evict on every use
            long requested = System.nanoTime();
            return introspector.introspect(token).toCompletableFuture().thenApply(r -> new Introspected(r, requested));
        }
        // AsyncCache.get coalesces concurrent look-ups of one token into one introspection call
        return introspections.get(key, (k, executor) -> {
            long requested = System.nanoTime();
            return introspector.introspect(token).toCompletableFuture().thenApply(r -> new Introspected(r, requested));
        });
    }

    private VerificationResult finishOpaque(String key, IntrospectionResult r, VerificationRequest request) {
        if (!r.active()) {
            RevocationStore.Revocation why = droppedByRevocation.getIfPresent(key);
            return why == null ? fail(FailureReason.INACTIVE, request, null)
                    : fail(FailureReason.fromRevocationReason(why.reason()), request, ownerOf(why));
        }
        CredentialOwner owner = new CredentialOwner(r.tenant(), r.ownerType(), r.sub(), CredentialKind.API_TOKEN,
                r.tokenId());
        if (r.exp() != null && !clock.instant().isBefore(r.exp())) {
            return fail(FailureReason.EXPIRED, request, owner);
        }
        if (r.isPublic()) {
            String origin = Origins.ofRequest(request.origin(), request.referer());
            if (origin == null) {
                return fail(FailureReason.MISSING_ORIGIN, request, owner);
            }
            if (!Origins.allowed(origin, r.allowedOrigins())) {
                return fail(FailureReason.WRONG_ORIGIN, request, owner);
            }
        }
        LatchkeyPrincipal principal = new LatchkeyPrincipal(r.tenant(), r.ownerType(), r.sub(),
                CredentialKind.API_TOKEN, r.tokenId(), null, r.scope());
        return succeed(principal, request);
    }

    private void onRevocation(RevocationStore.Revocation r) {
        if (r.scope() != RevocationScope.TOKEN && r.scope() != RevocationScope.SUBJECT
                && r.scope() != RevocationScope.TENANT) {
            // JTI and CLIENT revocations only concern JWTs, which are checked against the store on every use
            return;
        }
        introspections.synchronous().asMap().entrySet().removeIf(e -> {
            IntrospectionResult i = e.getValue().result();
            boolean hit = i.active() && switch (r.scope()) {
                case TOKEN -> r.value().equals(i.tokenId());
                case SUBJECT -> r.value().equals(i.tenant() + ":" + i.sub());
                case TENANT -> r.value().equals(i.tenant());
                default -> false;
            };
            if (hit) {
                droppedByRevocation.put(e.getKey(), r);
            }
            return hit;
        });
    }

    private Duration ttl(IntrospectionResult r) {
        if (!r.active()) {
            return settings.negativeTtl();
        }
        Duration ttl = settings.positiveTtl();
        if (r.exp() != null) {
            Duration untilExp = Duration.between(clock.instant(), r.exp());
            if (untilExp.compareTo(ttl) < 0) {
                ttl = untilExp.isNegative() ? Duration.ZERO : untilExp;
            }
        }
        return ttl;
    }

    // ---------------------------------------------------------------- JWTs

    private CompletionStage<VerificationResult> verifyJwt(String jwt, VerificationRequest request) {
        String key = OpaqueTokens.sha256(jwt);
        CompletableFuture<JwtVerifier.Outcome> outcome = jwts.get(key,
                (k, executor) -> CompletableFuture.supplyAsync(() -> jwtVerifier.verify(jwt), blockingExecutor));
        if (outcome.isDone() && !outcome.isCompletedExceptionally()) {
            // the cached path: no continuation, no allocation of a dependent future
            return done(finishJwt(outcome.join(), request));
        }
        return outcome.thenApply(o -> finishJwt(o, request))
                .exceptionally(e -> fail(FailureReason.MALFORMED, request, null));
    }

    private VerificationResult finishJwt(JwtVerifier.Outcome outcome, VerificationRequest request) {
        if (outcome.failure() != null) {
            // an unverified JWT's claims are not to be believed: nothing about its owner is reported
            return fail(outcome.failure(), request, null);
        }
        VerifiedJwt jwt = outcome.jwt();
        CredentialOwner owner = new CredentialOwner(jwt.tenant(), jwt.ownerType(), jwt.subject(), CredentialKind.JWT,
                jwt.jti());
        if (!clock.instant().isBefore(jwt.expiresAt().plus(settings.clockSkew()))) {
            return fail(FailureReason.EXPIRED, request, owner);
        }
        if (revocations.revokedJwt(jwt.tenant(), jwt.subject(), jwt.clientId(), jwt.jti(), jwt.issuedAt()) != null) {
            return fail(FailureReason.REVOKED, request, owner);
        }
        if (jwt.certificateThumbprint() != null) {
            if (request.certificateThumbprint() == null) {
                return fail(FailureReason.CERTIFICATE_MISSING, request, owner);
            }
            if (!OpaqueTokens.digestsEqual(jwt.certificateThumbprint(), request.certificateThumbprint())) {
                return fail(FailureReason.CERTIFICATE_MISMATCH, request, owner);
            }
        }
        LatchkeyPrincipal principal = new LatchkeyPrincipal(jwt.tenant(), jwt.ownerType(), jwt.subject(),
                CredentialKind.JWT, jwt.jti(), jwt.clientId(), jwt.scope());
        return succeed(principal, request);
    }

    private Duration ttl(JwtVerifier.Outcome o) {
        if (o.failure() != null) {
            return settings.negativeTtl();
        }
        Duration untilExp = Duration.between(clock.instant(), o.jwt().expiresAt().plus(settings.clockSkew()));
        return untilExp.isNegative() ? Duration.ZERO : untilExp;
    }

    static boolean looksLikeJwt(String s) {
        int first = s.indexOf('.');
        return first > 0 && s.indexOf('.', first + 1) > first + 1 && s.startsWith("eyJ");
    }

    // ---------------------------------------------------------------- outcomes

    private VerificationResult succeed(LatchkeyPrincipal principal, VerificationRequest request) {
        if (successes != null) {
            successes.increment();
        }
        if (usage != null) {
            usage.record(principal, request.clientIp());
        }
        return VerificationResult.success(principal);
    }

    private VerificationResult fail(FailureReason reason) {
        return fail(reason, (Throwable) null);
    }

    /** A refusal of {@code request}'s credential, reported to the audit trail with what is known of its owner. */
    private VerificationResult fail(FailureReason reason, VerificationRequest request, CredentialOwner owner) {
        if (refusals != null) {
            refusals.record(reason, owner, request.credential(), request.clientIp());
        }
        return fail(reason);
    }

    /** The owner a revocation names: a token id, or a subject {@code <tenant>:<principal>}, or a tenant. */
    private static CredentialOwner ownerOf(RevocationStore.Revocation r) {
        return switch (r.scope()) {
            case TOKEN -> new CredentialOwner(null, null, null, CredentialKind.API_TOKEN, r.value());
            case SUBJECT -> {
                int colon = r.value().indexOf(':');
                yield colon < 0 ? null : new CredentialOwner(r.value().substring(0, colon), null,
                        r.value().substring(colon + 1), CredentialKind.API_TOKEN, null);
            }
            case TENANT -> new CredentialOwner(r.value(), null, null, CredentialKind.API_TOKEN, null);
            default -> null;
        };
    }

    private VerificationResult fail(FailureReason reason, Throwable cause) {
        Counter c = failures.get(reason);
        if (c != null) {
            c.increment();
        }
        if (reason.status() == 503 || reason == FailureReason.REVOCATIONS_BEHIND) {
            LOG.log(System.Logger.Level.WARNING, "credential refused: " + reason.code()
                    + (cause == null ? "" : " (" + unwrap(cause).getMessage() + ")"));
        } else if (LOG.isLoggable(System.Logger.Level.INFO)) {
            LOG.log(System.Logger.Level.INFO, "credential refused: " + reason.code());
        }
        return VerificationResult.failure(reason);
    }

    private static Throwable unwrap(Throwable t) {
        return t instanceof CompletionException && t.getCause() != null ? t.getCause() : t;
    }

    private static CompletionStage<VerificationResult> done(VerificationResult r) {
        return CompletableFuture.completedFuture(r);
    }
}
