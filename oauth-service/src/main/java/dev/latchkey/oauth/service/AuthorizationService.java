package dev.latchkey.oauth.service;

import dev.latchkey.events.Actor;
import dev.latchkey.events.EventEnvelope;
import dev.latchkey.events.Target;
import dev.latchkey.events.oauth.ConsentGranted;
import dev.latchkey.events.oauth.OAuthEvents;
import dev.latchkey.oauth.config.OAuthConfig;
import dev.latchkey.oauth.model.Application;
import dev.latchkey.oauth.model.GrantType;
import dev.latchkey.oauth.model.MemberView;
import dev.latchkey.oauth.repository.DirectoryRepository;
import dev.latchkey.oauth.repository.GrantRepository;
import dev.latchkey.outbox.Outbox;
import dev.latchkey.verifier.OpaqueTokens;
import dev.latchkey.verifier.Scopes;
import dev.latchkey.verifier.quarkus.PeopleConfig;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The authorization endpoint (RFC 6749 §4.1 with PKCE S256 only, RFC 9700). Until the client and its exact
 * redirect URI are known, errors are an error page and never a redirect; after, they go back to the client —
 * except that a person who is not an active member of the client's tenant gets an error page too (the client
 * learns nothing about who tried).
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

    /** The consent page: the application, the person, the scopes asked for, and the form's hidden fields. */
    public record ConsentPage(String applicationName, String clientId, String person, String tenant, List<String> scopes,
                              Map<String, String> hidden) implements Outcome {
    }

    /**
     * The person signed in through the upstream provider, as its ID token says: tenant and userName claims (null
     * when absent), and {@code session}, a value that identifies the sign-in session (the CSRF token is bound to it).
     */
    public record Person(String tenant, String userName, String session) {
    }

    private record Validated(Application app, Map<String, String> params, List<String> scopes, MemberView member) {
    }

    private final ClientRegistry registry;
    private final DirectoryRepository directory;
    private final GrantRepository grants;
    private final Outbox outbox;
    private final Pool pool;
    private final Scopes scopes;
    private final OAuthConfig config;
    private final PeopleConfig people;
    private final Clock clock = Clock.systemUTC();

    AuthorizationService(ClientRegistry registry, DirectoryRepository directory, GrantRepository grants, Outbox outbox,
                         Pool pool, Scopes scopes, OAuthConfig config, PeopleConfig people) {
        this.registry = registry;
        this.directory = directory;
        this.grants = grants;
        this.outbox = outbox;
        this.pool = pool;
        this.scopes = scopes;
        this.config = config;
        this.people = people;
    }

    /** GET /oauth/authorize. */
    public Uni<Outcome> authorize(Map<String, String> params, Person person) {
        return validate(params, person).chain(v -> {
            if (v instanceof Outcome o) {
                return Uni.createFrom().item(o);
            }
            Validated val = (Validated) v;
            return grants.consent(val.app().tenant(), val.member().id(), val.app().id()).chain(consent -> {
                boolean covered = consent.isPresent()
                        && val.scopes().stream().allMatch(s -> Scopes.impliesAny(consent.get().scopes(), s));
                if (covered) {
                    return issueCode(val, false);
                }
                Map<String, String> hidden = new LinkedHashMap<>();
                for (String k : List.of("response_type", "client_id", "redirect_uri", "state", "code_challenge",
                        "code_challenge_method")) {
                    if (params.get(k) != null) {
                        hidden.put(k, params.get(k));
                    }
                }
                hidden.put("scope", String.join(" ", val.scopes()));
                hidden.put("csrf", csrf(person, val.member(), hidden, clock.instant().getEpochSecond()));
                return Uni.createFrom().item(new ConsentPage(val.app().name(), val.app().clientId(), person.userName(),
                        val.member().tenant(), val.scopes(), hidden));
            });
        });
    }

    /** POST /oauth/authorize: the consent page's answer. */
    public Uni<Outcome> decide(Map<String, String> params, Person person) {
        return validate(params, person).chain(v -> {
            if (v instanceof Outcome o) {
                return Uni.createFrom().item(o);
            }
            Validated val = (Validated) v;
            if (!csrfValid(person, val.member(), params)) {
                return Uni.createFrom().item(new ErrorPage(403,
                        "This consent form has expired or did not come from Latchkey. Start the sign-in again."));
            }
            if (!"approve".equals(params.get("decision"))) {
                return Uni.createFrom().item(errorRedirect(val.params(), OAuthError.ACCESS_DENIED, "The member declined."));
            }
            return issueCode(val, true);
        });
    }

    private Uni<Outcome> issueCode(Validated v, boolean recordConsent) {
        Application app = v.app();
        MemberView person = v.member();
        String code = OpaqueTokens.generate(OpaqueTokens.AUTHORIZATION_CODE);
        Instant now = clock.instant();
        GrantRepository.Code row = new GrantRepository.Code(OpaqueTokens.sha256(code), app.tenant(), app.id(),
                person.id(), v.params().get("redirect_uri"), v.scopes(), v.params().get("code_challenge"),
                now.plus(config.authorizationCodeTtl()), null, null, null, null);
        return pool.withTransaction(tx -> {
            Uni<Void> consent = Uni.createFrom().voidItem();
            if (recordConsent) {
                consent = grants.consent(tx, app.tenant(), person.id(), app.id()).chain(existing -> {
                    Set<String> all = new TreeSet<>(v.scopes());
                    existing.ifPresent(c -> all.addAll(c.scopes()));
                    List<String> granted = new ArrayList<>(all);
                    return grants.upsertConsent(tx, new GrantRepository.Consent(app.tenant(), person.id(), app.id(), granted, now))
                            .chain(() -> outbox.append(tx, EventEnvelope.of(Revocations.SOURCE, OAuthEvents.CONSENT_GRANTED,
                                    new ConsentGranted(app.tenant(), new Actor(Scopes.PRINCIPAL_MEMBER, person.id()),
                                            new Target("consent", person.id() + ":" + app.id()), now,
                                            person.id(), app.id().toString(), app.clientId(), granted))));
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
    private Uni<Object> validate(Map<String, String> params, Person person) {
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
            if (person == null) {
                return Uni.createFrom().item(new ErrorPage(401, "Sign in to authorize this application."));
            }
            if (person.tenant() == null || person.userName() == null) {
                return Uni.createFrom().item(new ErrorPage(403, "Your identity provider did not say which Latchkey tenant "
                        + "and user you are (claims " + people.tenantClaim() + " and "
                        + people.userNameClaim() + "). Ask your administrator to add them."));
            }
            if (!person.tenant().equals(app.tenant())) {
                // another tenant's client is unknown to this person (DESIGN.md §3: 404, never 403)
                return Uni.createFrom().item(new ErrorPage(400, "Unknown client."));
            }
            List<String> finalRequested = requested;
            return directory.memberByUserName(person.tenant(), person.userName()).map(member -> {
                if (member.isEmpty() || "deleted".equals(member.get().status())) {
                    return new ErrorPage(403, "There is no Latchkey member " + person.userName() + " in tenant "
                            + person.tenant() + ". Ask an administrator of the tenant to provision you, then try again.");
                }
                if (!member.get().isActive()) {
                    return new ErrorPage(403, "suspended".equals(member.get().tenantStatus())
                            ? "Tenant " + person.tenant() + " is suspended, so nobody in it can authorize applications."
                            : "Your Latchkey membership (" + person.userName() + ") is disabled, so you cannot "
                            + "authorize applications. Ask an administrator of the tenant.");
                }
                return new Validated(app, params, finalRequested, member.get());
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

    /*
     * The consent form's CSRF token: an HMAC (server pepper) over the sign-in session, the member and every
     * parameter of the request, with its time. Only a page this server rendered for this session can carry it, and
     * it is good for one request's parameters for 10 minutes. (quarkus-rest-csrf, the double-submit cookie filter,
     * is not on the Maven Central reachable here, and it would also check the form POSTs of /oauth/token.)
     */
    private String csrf(Person person, MemberView member, Map<String, String> p, long at) {
        return at + "." + OpaqueTokens.hmacSha256(config.secretPepper() + "#csrf", csrfInput(person, member, p, at));
    }

    private boolean csrfValid(Person person, MemberView member, Map<String, String> p) {
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
                && OpaqueTokens.digestsEqual(token, csrf(person, member, p, at));
    }

    private static String csrfInput(Person person, MemberView member, Map<String, String> p, long at) {
        return String.join("\n", String.valueOf(person.session()), member.tenant(), member.id(), String.valueOf(p.get("client_id")),
                String.valueOf(p.get("redirect_uri")), String.valueOf(p.get("scope")), String.valueOf(p.get("state")),
                String.valueOf(p.get("code_challenge")), String.valueOf(at));
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
