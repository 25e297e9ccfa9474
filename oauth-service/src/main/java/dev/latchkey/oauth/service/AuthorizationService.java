package dev.latchkey.oauth.service;

import dev.latchkey.events.Actor;
import dev.latchkey.events.EventEnvelope;
import dev.latchkey.events.Target;
import dev.latchkey.events.oauth.ConsentGranted;
import dev.latchkey.events.oauth.OAuthEvents;
import dev.latchkey.oauth.config.OAuthConfig;
import dev.latchkey.oauth.model.Application;
import dev.latchkey.oauth.model.GrantType;
import dev.latchkey.oauth.repository.GrantRepository;
import dev.latchkey.outbox.Outbox;
import dev.latchkey.verifier.LatchkeyPrincipal;
import dev.latchkey.verifier.OpaqueTokens;
import dev.latchkey.verifier.Scopes;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The authorization endpoint (RFC 6749 §4.1 with PKCE S256 only, RFC 9700). Until the client and its exact
 * redirect URI are known, errors are an error page and never a redirect; after, they go back to the client.
 */
@ApplicationScoped
public class AuthorizationService {
    private static final Pattern CHALLENGE = Pattern.compile("^[A-Za-z0-9_-]{43}$");
    private static final long CSRF_SECONDS = 600;

    /** What the endpoint answers: an error page, a redirect to the client, or the consent page. */
    public sealed interface Outcome permits ErrorPage, Redirect, ConsentPage {
    }

    public record ErrorPage(int status, String message) implements Outcome {
    }

    public record Redirect(String location) implements Outcome {
    }

    public record ConsentPage(String applicationName, String clientId, List<String> scopes, Map<String, String> hidden)
            implements Outcome {
    }

    private record Validated(Application app, Map<String, String> params, List<String> scopes) {
    }

    private final ClientRegistry registry;
    private final GrantRepository grants;
    private final Outbox outbox;
    private final Pool pool;
    private final Scopes scopes;
    private final OAuthConfig config;
    private final Clock clock = Clock.systemUTC();

    AuthorizationService(ClientRegistry registry, GrantRepository grants, Outbox outbox, Pool pool, Scopes scopes,
                         OAuthConfig config) {
        this.registry = registry;
        this.grants = grants;
        this.outbox = outbox;
        this.pool = pool;
        this.scopes = scopes;
        this.config = config;
    }

    /** GET /oauth/authorize. */
    public Uni<Outcome> authorize(Map<String, String> params, LatchkeyPrincipal person) {
        return validate(params, person).chain(v -> {
            if (v instanceof Outcome o) {
                return Uni.createFrom().item(o);
            }
            Validated val = (Validated) v;
            return grants.consent(val.app().tenant(), person.principalId(), val.app().id()).chain(consent -> {
                boolean covered = consent.isPresent()
                        && val.scopes().stream().allMatch(s -> Scopes.impliesAny(consent.get().scopes(), s));
                if (covered) {
                    return issueCode(val, person, false);
                }
                Map<String, String> hidden = new java.util.LinkedHashMap<>();
                for (String k : List.of("response_type", "client_id", "redirect_uri", "state", "code_challenge",
                        "code_challenge_method")) {
                    if (params.get(k) != null) {
                        hidden.put(k, params.get(k));
                    }
                }
                hidden.put("scope", String.join(" ", val.scopes()));
                hidden.put("csrf", csrf(person, hidden, clock.instant().getEpochSecond()));
                return Uni.createFrom().item(new ConsentPage(val.app().name(), val.app().clientId(), val.scopes(), hidden));
            });
        });
    }

    /** POST /oauth/authorize: the consent page's answer. */
    public Uni<Outcome> decide(Map<String, String> params, LatchkeyPrincipal person) {
        return validate(params, person).chain(v -> {
            if (v instanceof Outcome o) {
                return Uni.createFrom().item(o);
            }
            Validated val = (Validated) v;
            if (!csrfValid(person, params)) {
                return Uni.createFrom().item(new ErrorPage(403,
                        "This consent form has expired or did not come from Latchkey. Start the sign-in again."));
            }
            if (!"approve".equals(params.get("decision"))) {
                return Uni.createFrom().item(errorRedirect(val.params(), OAuthError.ACCESS_DENIED, "The member declined."));
            }
            return issueCode(val, person, true);
        });
    }

    private Uni<Outcome> issueCode(Validated v, LatchkeyPrincipal person, boolean recordConsent) {
        Application app = v.app();
        String code = OpaqueTokens.generate(OpaqueTokens.AUTHORIZATION_CODE);
        Instant now = clock.instant();
        GrantRepository.Code row = new GrantRepository.Code(OpaqueTokens.sha256(code), app.tenant(), app.id(),
                person.principalId(), v.params().get("redirect_uri"), v.scopes(), v.params().get("code_challenge"),
                now.plus(config.authorizationCodeTtl()), null, null, null, null);
        return pool.withTransaction(tx -> {
            Uni<Void> consent = Uni.createFrom().voidItem();
            if (recordConsent) {
                consent = grants.consent(tx, app.tenant(), person.principalId(), app.id()).chain(existing -> {
                    Set<String> all = new TreeSet<>(v.scopes());
                    existing.ifPresent(c -> all.addAll(c.scopes()));
                    List<String> granted = new ArrayList<>(all);
                    return grants.upsertConsent(tx, new GrantRepository.Consent(app.tenant(), person.principalId(), app.id(), granted))
                            .chain(() -> outbox.append(tx, EventEnvelope.of(Revocations.SOURCE, OAuthEvents.CONSENT_GRANTED,
                                    new ConsentGranted(app.tenant(), new Actor(person.principalType(), person.principalId()),
                                            new Target("consent", person.principalId() + ":" + app.id()), now,
                                            person.principalId(), app.id().toString(), app.clientId(), granted))));
                });
            }
            return consent.chain(() -> grants.insertCode(tx, row));
        }).map(x -> {
            StringBuilder location = new StringBuilder(v.params().get("redirect_uri"))
                    .append(v.params().get("redirect_uri").contains("?") ? '&' : '?')
                    .append("code=").append(enc(code));
            if (v.params().get("state") != null) {
                location.append("&state=").append(enc(v.params().get("state")));
            }
            location.append("&iss=").append(enc(config.issuer()));
            return new Redirect(location.toString());
        });
    }

    /** Either an {@link Outcome} (stop) or a {@link Validated} request. */
    private Uni<Object> validate(Map<String, String> params, LatchkeyPrincipal person) {
        String clientId = params.get("client_id");
        if (clientId == null) {
            return Uni.createFrom().item(new ErrorPage(400, "The request names no client (client_id is missing)."));
        }
        return registry.client(clientId).chain(found -> {
            if (found.isEmpty()) {
                return Uni.createFrom().item(new ErrorPage(400, "Unknown client."));
            }
            Application app = found.get().application();
            String redirect = params.get("redirect_uri");
            if (redirect == null || !app.redirectUris().contains(redirect)) {
                return Uni.createFrom().item(new ErrorPage(400,
                        "The redirect_uri is missing or is not registered for this client (exact match required)."));
            }
            if (app.grantType() != GrantType.AUTHORIZATION_CODE) {
                return Uni.createFrom().item(errorRedirect(params, OAuthError.UNAUTHORIZED_CLIENT,
                        "This client is not registered for authorization_code."));
            }
            if (!"code".equals(params.get("response_type"))) {
                return Uni.createFrom().item(errorRedirect(params, OAuthError.UNSUPPORTED_RESPONSE_TYPE,
                        "Only response_type=code is supported."));
            }
            String challenge = params.get("code_challenge");
            String method = params.get("code_challenge_method");
            if (challenge == null) {
                return Uni.createFrom().item(errorRedirect(params, OAuthError.INVALID_REQUEST,
                        "code_challenge is required (PKCE with S256)."));
            }
            if (!"S256".equals(method)) {
                return Uni.createFrom().item(errorRedirect(params, OAuthError.INVALID_REQUEST,
                        "code_challenge_method must be S256 (plain is not supported)."));
            }
            if (!CHALLENGE.matcher(challenge).matches()) {
                return Uni.createFrom().item(errorRedirect(params, OAuthError.INVALID_REQUEST,
                        "code_challenge must be the base64url SHA-256 of the code verifier (43 characters)."));
            }
            List<String> requested;
            String scopeParam = params.get("scope");
            if (scopeParam == null || scopeParam.isBlank()) {
                requested = app.scopes();
            } else {
                Set<String> parsed = new LinkedHashSet<>(Scopes.parseList(scopeParam));
                var errors = scopes.validate(parsed);
                if (!errors.isEmpty()) {
                    return Uni.createFrom().item(errorRedirect(params, OAuthError.INVALID_SCOPE, errors.get(0).message()));
                }
                for (String s : parsed) {
                    if (!Scopes.impliesAny(app.scopes(), s)) {
                        return Uni.createFrom().item(errorRedirect(params, OAuthError.INVALID_SCOPE,
                                "Scope " + s + " is not registered for this client."));
                    }
                }
                requested = new ArrayList<>(parsed);
            }
            if (person == null || !person.isMember()) {
                return Uni.createFrom().item(new ErrorPage(401, "Sign in as a member to authorize this application."));
            }
            if (!person.tenant().equals(app.tenant())) {
                return Uni.createFrom().item(new ErrorPage(400, "Unknown client."));
            }
            List<String> finalRequested = requested;
            return registry.member(app.tenant(), person.principalId()).map(member -> {
                if (member.isEmpty() || !member.get().isActive()) {
                    return errorRedirect(params, OAuthError.ACCESS_DENIED, "The member is not active.");
                }
                return new Validated(app, params, finalRequested);
            });
        });
    }

    private Outcome errorRedirect(Map<String, String> params, OAuthError error, String description) {
        String redirect = params.get("redirect_uri");
        StringBuilder location = new StringBuilder(redirect).append(redirect.contains("?") ? '&' : '?')
                .append("error=").append(error.code()).append("&error_description=").append(enc(description));
        if (params.get("state") != null) {
            location.append("&state=").append(enc(params.get("state")));
        }
        location.append("&iss=").append(enc(config.issuer()));
        return new Redirect(location.toString());
    }

    private String csrf(LatchkeyPrincipal person, Map<String, String> p, long at) {
        return at + "." + OpaqueTokens.hmacSha256(config.secretPepper() + "#csrf", csrfInput(person, p, at));
    }

    private boolean csrfValid(LatchkeyPrincipal person, Map<String, String> p) {
        String token = p.get("csrf");
        if (token == null || token.indexOf('.') < 0) {
            return false;
        }
        long at;
        try {
            at = Long.parseLong(token.substring(0, token.indexOf('.')));
        } catch (NumberFormatException e) {
            return false;
        }
        long now = clock.instant().getEpochSecond();
        return now - at <= CSRF_SECONDS && at <= now + 5
                && OpaqueTokens.digestsEqual(token, csrf(person, p, at));
    }

    private static String csrfInput(LatchkeyPrincipal person, Map<String, String> p, long at) {
        return String.join("\n", person.tenant(), person.principalId(), String.valueOf(p.get("client_id")),
                String.valueOf(p.get("redirect_uri")), String.valueOf(p.get("scope")), String.valueOf(p.get("state")),
                String.valueOf(p.get("code_challenge")), String.valueOf(at));
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
