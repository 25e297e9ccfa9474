package dev.latchkey.token.service;

import dev.latchkey.problem.Problem.FieldError;
import dev.latchkey.problem.ProblemException;
import dev.latchkey.token.repository.Owner;
import dev.latchkey.token.repository.Token;
import dev.latchkey.token.repository.TokenPolicy;
import dev.latchkey.verifier.Origins;
import dev.latchkey.verifier.ScopeError;
import dev.latchkey.verifier.Scopes;
import jakarta.enterprise.context.ApplicationScoped;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * The request rules of tokens: name, scopes (the library's catalog), expiration presets, allowed origins and the
 * tenant policy. Field errors are collected and answered together (400); policy violations are 422.
 */
@ApplicationScoped
public class TokenRules {
    public static final int MAX_NAME = 100;
    public static final int MAX_ORIGINS = 20;
    static final Map<String, Duration> PRESETS = Map.of("7d", Duration.ofDays(7), "30d", Duration.ofDays(30),
            "60d", Duration.ofDays(60), "90d", Duration.ofDays(90));
    static final String NONE = "none";
    static final Duration DEFAULT_LIFETIME = Duration.ofDays(30);

    private final Scopes scopes;

    TokenRules(Scopes scopes) {
        this.scopes = scopes;
    }

    /** The trimmed name, or an error added. */
    public String name(String name, List<FieldError> errors) {
        if (name == null || name.isBlank()) {
            errors.add(new FieldError("name", "is required (1 to " + MAX_NAME + " characters)"));
            return null;
        }
        String n = name.strip();
        if (n.length() > MAX_NAME) {
            errors.add(new FieldError("name", "must be at most " + MAX_NAME + " characters"));
            return null;
        }
        return n;
    }

    /** The requested scopes, deduplicated, or errors ({@code scopes[i]}) from the library's grammar and catalog. */
    public List<String> scopes(List<String> requested, List<FieldError> errors) {
        if (requested == null || requested.isEmpty()) {
            errors.add(new FieldError("scopes", "at least one scope is required"));
            return List.of();
        }
        for (int i = 0; i < requested.size(); i++) {
            String s = requested.get(i);
            if (s == null) {
                errors.add(new FieldError("scopes[" + i + "]", "must not be null"));
                continue;
            }
            int index = i;
            scopes.validate(s).map(ScopeError::message)
                    .ifPresent(m -> errors.add(new FieldError("scopes[" + index + "]", m)));
        }
        return List.copyOf(new LinkedHashSet<>(requested));
    }

    /** Scopes the owner's role cannot hold (DESIGN.md §3) as field errors. */
    public void withinOwnerRole(List<String> requested, String ownerType, String role, List<FieldError> errors) {
        for (String s : scopes.exceedsRole(requested, ownerType, role)) {
            String who = Token.OWNER_MEMBER.equals(ownerType) ? "a member with role " + role : "a service account";
            errors.add(new FieldError("scopes[" + requested.indexOf(s) + "]",
                    "'" + s + "' is more than the owner (" + who + ") may hold"));
        }
    }

    /** A credential never grants more than it holds: 403 naming the first scope the caller lacks. */
    public void withinCaller(List<String> requested, Caller caller) {
        for (String s : requested) {
            if (!caller.hasScope(s)) {
                throw ProblemException.forbidden("the calling credential does not hold '" + s
                        + "' and so cannot grant it");
            }
        }
    }

    public String visibility(String v, List<FieldError> errors) {
        if (v == null) {
            return "private";
        }
        if (!v.equals("private") && !v.equals("public")) {
            errors.add(new FieldError("visibility", "must be 'private' or 'public'"));
            return null;
        }
        return v;
    }

    /** Allowed origins (normalised) of a token of that visibility. */
    public List<String> origins(String visibility, List<String> origins, List<FieldError> errors) {
        boolean none = origins == null || origins.isEmpty();
        if (!"public".equals(visibility)) {
            if (!none) {
                errors.add(new FieldError("allowedOrigins", "only public tokens have allowed origins"));
            }
            return List.of();
        }
        if (none) {
            errors.add(new FieldError("allowedOrigins", "a public token needs at least one allowed origin"));
            return List.of();
        }
        if (origins.size() > MAX_ORIGINS) {
            errors.add(new FieldError("allowedOrigins", "at most " + MAX_ORIGINS + " origins"));
            return List.of();
        }
        LinkedHashSet<String> out = new LinkedHashSet<>();
        for (int i = 0; i < origins.size(); i++) {
            String problem = originProblem(origins.get(i));
            if (problem != null) {
                errors.add(new FieldError("allowedOrigins[" + i + "]", problem));
            } else {
                out.add(Origins.normalise(origins.get(i)));
            }
        }
        return List.copyOf(out);
    }

    static String originProblem(String o) {
        if (o == null || o.isBlank()) {
            return "must not be empty";
        }
        if (o.contains("*")) {
            return "wildcards are not allowed: give an exact origin scheme://host[:port]";
        }
        URI u;
        try {
            u = new URI(o);
        } catch (URISyntaxException e) {
            return "is not an origin: give scheme://host[:port]";
        }
        if (u.getScheme() == null || !(u.getScheme().equalsIgnoreCase("https") || u.getScheme().equalsIgnoreCase("http"))) {
            return "must start with https:// or http://";
        }
        if (u.getHost() == null || u.getRawUserInfo() != null) {
            return "is not an origin: give scheme://host[:port]";
        }
        if ((u.getRawPath() != null && !u.getRawPath().isEmpty()) || u.getRawQuery() != null || u.getRawFragment() != null) {
            return "must not have a path, query or fragment (not even a trailing '/'): give scheme://host[:port]";
        }
        return null;
    }

    /**
     * Resolves {@code expiration} (a preset) or {@code expiresAt}; {@code fallback} when neither is given.
     */
    public Expiry expiry(String expiration, OffsetDateTime expiresAt, Instant now, Expiry fallback,
                         List<FieldError> errors) {
        if (expiration != null && expiresAt != null) {
            errors.add(new FieldError("expiration", "give either expiration or expiresAt, not both"));
            return null;
        }
        if (expiration != null) {
            if (NONE.equals(expiration)) {
                return Expiry.NEVER;
            }
            Duration d = PRESETS.get(expiration);
            if (d == null) {
                errors.add(new FieldError("expiration", "must be one of 7d, 30d, 60d, 90d, none (or give expiresAt)"));
                return null;
            }
            return Expiry.in(now, d);
        }
        if (expiresAt != null) {
            Instant at = expiresAt.toInstant();
            if (!at.isAfter(now)) {
                errors.add(new FieldError("expiresAt", "must be in the future"));
                return null;
            }
            return new Expiry(at);
        }
        return fallback;
    }

    /** The default of a new token: 30 days, or the policy's maximum lifetime when shorter. */
    public Expiry defaultExpiry(TokenPolicy policy, Instant now) {
        Duration d = DEFAULT_LIFETIME;
        if (policy.maxLifetimeDays() != null && policy.maxLifetimeDays() < d.toDays()) {
            d = Duration.ofDays(policy.maxLifetimeDays());
        }
        return Expiry.in(now, d);
    }

    /** 422 when the expiry breaks the tenant's policy. */
    public void withinPolicy(TokenPolicy policy, Expiry expiry, Instant now) {
        if (expiry.never()) {
            if (policy.maxLifetimeDays() != null) {
                throw ProblemException.policy("token-lifetime-exceeds-policy", "tokens of this tenant must expire within "
                        + policy.maxLifetimeDays() + " days; 'none' is not allowed");
            }
            if (!policy.allowNoExpiration()) {
                throw ProblemException.policy("token-expiration-required",
                        "tokens of this tenant must have an expiration; 'none' is not allowed");
            }
            return;
        }
        // a minute of slack: "90d" chosen under a 90-day policy must pass although time moved on meanwhile
        if (policy.maxLifetimeDays() != null
                && expiry.at().isAfter(now.plus(Duration.ofDays(policy.maxLifetimeDays())).plusSeconds(60))) {
            throw ProblemException.policy("token-lifetime-exceeds-policy", "tokens of this tenant may live at most "
                    + policy.maxLifetimeDays() + " days");
        }
    }

    /** 409: names are unique among an owner's live tokens, case-insensitively. */
    public static ProblemException nameTaken(String name) {
        return ProblemException.conflict("the owner already has a live token named '" + name + "'");
    }

    public static ProblemException personalLimitReached(int max) {
        return ProblemException.policy("personal-token-limit", "this tenant's policy allows at most " + max
                + " live personal token(s) per member; revoke one first");
    }

    /** 422 unless the owner is active (a disabled member or service account gets no new tokens). */
    public static void requireActive(Owner owner) {
        if (!owner.isActive()) {
            throw ProblemException.policy("owner-not-active", "the owner " + owner.id() + " is " + owner.status());
        }
    }

    public static void throwIfAny(List<FieldError> errors) {
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(new ArrayList<>(errors));
        }
    }
}
