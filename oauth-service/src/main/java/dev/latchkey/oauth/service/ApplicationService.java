package dev.latchkey.oauth.service;

import dev.latchkey.events.Actor;
import dev.latchkey.events.EventEnvelope;
import dev.latchkey.events.Target;
import dev.latchkey.events.oauth.ApplicationCreated;
import dev.latchkey.events.oauth.ApplicationDeleted;
import dev.latchkey.events.oauth.ApplicationSecretRotated;
import dev.latchkey.events.oauth.ApplicationUpdated;
import dev.latchkey.events.oauth.CertificateIssued;
import dev.latchkey.events.oauth.CertificateRegistered;
import dev.latchkey.events.oauth.CertificateRenewed;
import dev.latchkey.events.oauth.CertificateUnregistered;
import dev.latchkey.events.oauth.OAuthEvents;
import dev.latchkey.oauth.config.OAuthConfig;
import dev.latchkey.oauth.model.Application;
import dev.latchkey.oauth.model.GrantType;
import dev.latchkey.oauth.repository.ApplicationRepository;
import dev.latchkey.oauth.repository.CertificateRepository;
import dev.latchkey.oauth.repository.CertificateRepository.SelfSigned;
import dev.latchkey.oauth.repository.CertificateRepository.StoredCertificate;
import dev.latchkey.oauth.repository.DirectoryRepository;
import dev.latchkey.oauth.rest.model.ApplicationRequest;
import dev.latchkey.oauth.rest.model.ApplicationUpdate;
import dev.latchkey.oauth.rest.model.ApplicationView;
import dev.latchkey.oauth.rest.model.ApplicationWithSecret;
import dev.latchkey.oauth.rest.model.CertificateBundle;
import dev.latchkey.oauth.rest.model.SelfSignedCertificate;
import dev.latchkey.outbox.Outbox;
import dev.latchkey.problem.Problem;
import dev.latchkey.problem.ProblemException;
import dev.latchkey.verifier.LatchkeyPrincipal;
import dev.latchkey.verifier.OpaqueTokens;
import dev.latchkey.verifier.ScopeError;
import dev.latchkey.verifier.Scopes;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.UUID;

/** Registration and management of OAuth applications (global admins of the tenant). */
@ApplicationScoped
public class ApplicationService {
    public static final int MAX_LIFETIME_SECONDS = 86_400;
    public static final Duration MAX_GRACE = Duration.ofDays(7);
    private static final String BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    private final Pool pool;
    private final ApplicationRepository applications;
    private final DirectoryRepository directory;
    private final CertificateRepository certificates;
    private final CertificateAuthority ca;
    private final ClientRegistry registry;
    private final Outbox outbox;
    private final Scopes scopes;
    private final OAuthConfig config;
    private final Clock clock = Clock.systemUTC();
    private final SecureRandom random = new SecureRandom();

    ApplicationService(Pool pool, ApplicationRepository applications, DirectoryRepository directory,
                       CertificateRepository certificates, CertificateAuthority ca, ClientRegistry registry,
                       Outbox outbox, Scopes scopes, OAuthConfig config) {
        this.pool = pool;
        this.applications = applications;
        this.directory = directory;
        this.certificates = certificates;
        this.ca = ca;
        this.registry = registry;
        this.outbox = outbox;
        this.scopes = scopes;
        this.config = config;
    }

    public Uni<ApplicationWithSecret> register(LatchkeyPrincipal caller, ApplicationRequest request) {
        List<Problem.FieldError> errors = new ArrayList<>();
        String name = validName(request.name(), errors);
        GrantType grant = null;
        if (request.grantType() == null) {
            errors.add(new Problem.FieldError("grantType", "is required: authorization_code or client_credentials"));
        } else {
            grant = GrantType.of(request.grantType()).orElse(null);
            if (grant == null) {
                errors.add(new Problem.FieldError("grantType", "must be authorization_code or client_credentials"));
            }
        }
        List<String> redirects = request.redirectUris() == null ? List.of() : request.redirectUris();
        if (grant == GrantType.AUTHORIZATION_CODE) {
            validRedirects(redirects, errors);
            if (request.actingMemberId() != null) {
                errors.add(new Problem.FieldError("actingMemberId", "is only for client_credentials applications"));
            }
        } else if (grant == GrantType.CLIENT_CREDENTIALS) {
            if (!redirects.isEmpty()) {
                errors.add(new Problem.FieldError("redirectUris", "are only for authorization_code applications"));
            }
            if (request.actingMemberId() == null || request.actingMemberId().isBlank()) {
                errors.add(new Problem.FieldError("actingMemberId",
                        "is required for client_credentials: the member the application acts as"));
            }
        }
        List<String> granted = validScopes(request.scopes(), errors);
        int ttl = validLifetime(request.accessTokenLifetimeSeconds(), errors);
        if (!errors.isEmpty()) {
            return Uni.createFrom().failure(ProblemException.invalid(errors));
        }
        boolean mtls = Boolean.TRUE.equals(request.mutualTls());
        Instant now = clock.instant();
        String secret = OpaqueTokens.generate(OpaqueTokens.CLIENT_SECRET);
        Application app = new Application(UUID.randomUUID(), caller.tenant(), newClientId(), name, grant, redirects,
                grant == GrantType.CLIENT_CREDENTIALS ? request.actingMemberId() : null, granted, ttl, mtls,
                OpaqueTokens.hmacSha256(config.secretPepper(), secret), OpaqueTokens.hint(secret), null, null,
                caller.principalId(), now, now);
        Actor actor = actor(caller);
        CertificateAuthority.Issued cert = mtls ? ca.issue(app.tenant(), app.clientId()) : null;
        return pool.withTransaction(tx -> directory.lockTenant(tx, app.tenant())
                        .chain(() -> checkLimit(tx, app.tenant()))
                        .chain(() -> checkActingMember(tx, app))
                        .chain(() -> applications.insert(tx, app))
                        .chain(() -> cert == null ? Uni.createFrom().voidItem() : storeCertificate(tx, app, cert))
                        .chain(() -> {
                            List<EventEnvelope> events = new ArrayList<>();
                            events.add(EventEnvelope.of(Revocations.SOURCE, OAuthEvents.APPLICATION_CREATED,
                                    new ApplicationCreated(app.tenant(), actor, target(app), now, app.state())));
                            if (cert != null) {
                                events.add(certificateIssued(app, actor, cert, now));
                            }
                            return outbox.append(tx, events);
                        }))
                .invoke(() -> registry.invalidateClient(app.clientId()))
                .map(x -> new ApplicationWithSecret(view(app), secret, cert == null ? null : bundle(cert, true)));
    }

    public Uni<ApplicationView> get(LatchkeyPrincipal caller, UUID id) {
        return applications.find(caller.tenant(), id).map(a -> view(a.orElseThrow(() -> notFound(id))));
    }

    public Uni<List<ApplicationView>> page(LatchkeyPrincipal caller, Instant afterCreated, UUID afterId, int limit) {
        return applications.page(caller.tenant(), afterCreated, afterId, limit)
                .map(list -> list.stream().map(ApplicationService::view).toList());
    }

    public Uni<ApplicationView> update(LatchkeyPrincipal caller, UUID id, ApplicationUpdate update) {
        List<Problem.FieldError> errors = new ArrayList<>();
        String name = update.name() == null ? null : validName(update.name(), errors);
        List<String> newScopes = update.scopes() == null ? null : validScopes(update.scopes(), errors);
        Integer ttl = update.accessTokenLifetimeSeconds() == null ? null : validLifetime(update.accessTokenLifetimeSeconds(), errors);
        if (update.redirectUris() != null) {
            validRedirects(update.redirectUris(), errors);
        }
        if (!errors.isEmpty()) {
            return Uni.createFrom().failure(ProblemException.invalid(errors));
        }
        Instant now = clock.instant();
        Actor actor = actor(caller);
        return pool.withTransaction(tx -> applications.findForUpdate(tx, caller.tenant(), id).chain(found -> {
                    Application old = found.orElseThrow(() -> notFound(id));
                    if (update.redirectUris() != null && old.grantType() != GrantType.AUTHORIZATION_CODE
                            && !update.redirectUris().isEmpty()) {
                        throw ProblemException.invalid("redirectUris", "are only for authorization_code applications");
                    }
                    Application changed = old.withSettings(name != null ? name : old.name(),
                            update.redirectUris() != null && old.grantType() == GrantType.AUTHORIZATION_CODE
                                    ? update.redirectUris() : old.redirectUris(),
                            newScopes != null ? newScopes : old.scopes(), ttl != null ? ttl : old.accessTokenTtl(), now);
                    List<String> changes = new ArrayList<>();
                    if (!changed.name().equals(old.name())) changes.add("name");
                    if (!changed.redirectUris().equals(old.redirectUris())) changes.add("redirectUris");
                    if (!changed.scopes().equals(old.scopes())) changes.add("scopes");
                    if (changed.accessTokenTtl() != old.accessTokenTtl()) changes.add("accessTokenLifetimeSeconds");
                    if (changes.isEmpty()) {
                        return Uni.createFrom().item(old);
                    }
                    Uni<Void> check = changes.contains("scopes") ? checkActingMember(tx, changed) : Uni.createFrom().voidItem();
                    return check.chain(() -> applications.update(tx, changed))
                            .chain(() -> outbox.append(tx, EventEnvelope.of(Revocations.SOURCE, OAuthEvents.APPLICATION_UPDATED,
                                    new ApplicationUpdated(changed.tenant(), actor, target(changed), now, changed.state(), changes))))
                            .replaceWith(changed);
                }))
                .invoke(a -> registry.invalidateClient(a.clientId()))
                .map(ApplicationService::view);
    }

    public Uni<ApplicationWithSecret> rotateSecret(LatchkeyPrincipal caller, UUID id, Long graceSeconds) {
        if (graceSeconds != null && (graceSeconds < 0 || graceSeconds > MAX_GRACE.toSeconds())) {
            return Uni.createFrom().failure(ProblemException.invalid("gracePeriodSeconds",
                    "must be between 0 and " + MAX_GRACE.toSeconds() + " (7 days)"));
        }
        Instant now = clock.instant();
        String secret = OpaqueTokens.generate(OpaqueTokens.CLIENT_SECRET);
        Actor actor = actor(caller);
        return pool.withTransaction(tx -> applications.findForUpdate(tx, caller.tenant(), id).chain(found -> {
                    Application old = found.orElseThrow(() -> notFound(id));
                    boolean grace = graceSeconds != null && graceSeconds > 0;
                    Instant until = grace ? now.plusSeconds(graceSeconds) : null;
                    Application rotated = old.withSecret(OpaqueTokens.hmacSha256(config.secretPepper(), secret),
                            OpaqueTokens.hint(secret), grace ? old.secretHash() : null, until, now);
                    return applications.update(tx, rotated)
                            .chain(() -> outbox.append(tx, EventEnvelope.of(Revocations.SOURCE, OAuthEvents.APPLICATION_SECRET_ROTATED,
                                    new ApplicationSecretRotated(rotated.tenant(), actor, target(rotated), now, rotated.state(), until))))
                            .replaceWith(rotated);
                }))
                .invoke(a -> registry.invalidateClient(a.clientId()))
                .map(a -> new ApplicationWithSecret(view(a), secret, null));
    }

    /** Deletes the application; every token issued to it stops working (client revocation) and its certificate with it. */
    public Uni<Void> delete(LatchkeyPrincipal caller, UUID id) {
        Instant now = clock.instant();
        Actor actor = actor(caller);
        return pool.withTransaction(tx -> applications.findForUpdate(tx, caller.tenant(), id).chain(found -> {
                    Application app = found.orElseThrow(() -> notFound(id));
                    return applications.delete(tx, app.tenant(), app.id())
                            .chain(() -> outbox.append(tx, List.of(
                                    EventEnvelope.of(Revocations.SOURCE, OAuthEvents.APPLICATION_DELETED,
                                            new ApplicationDeleted(app.tenant(), actor, target(app), now, app.state())),
                                    Revocations.client(app.tenant(), actor, app.id().toString(), app.clientId(), now,
                                            "application_deleted"))))
                            .replaceWith(app);
                }))
                .invoke(a -> registry.invalidateClient(a.clientId()))
                .replaceWithVoid();
    }

    public Uni<CertificateBundle> certificate(LatchkeyPrincipal caller, UUID id) {
        return applications.find(caller.tenant(), id).chain(found -> {
            Application app = found.orElseThrow(() -> notFound(id));
            if (!app.mtls()) {
                throw ProblemException.notFound("certificate of application", id.toString());
            }
            return certificates.active(pool, app.tenant(), app.id());
        }).map(c -> {
            StoredCertificate cert = c.orElseThrow(() -> ProblemException.notFound("certificate of application", id.toString()));
            return new CertificateBundle(cert.serialNumber(), cert.thumbprint(), cert.notBefore(), cert.notAfter(),
                    cert.certificatePem(), ca.caCertificatePem(), null, null, null);
        });
    }

    /** A new certificate and key (shown once); the previous certificate stops working at once. */
    public Uni<CertificateBundle> renewCertificate(LatchkeyPrincipal caller, UUID id) {
        Instant now = clock.instant();
        Actor actor = actor(caller);
        return pool.withTransaction(tx -> applications.findForUpdate(tx, caller.tenant(), id).chain(found -> {
                    Application app = found.orElseThrow(() -> notFound(id));
                    if (!app.mtls()) {
                        throw ProblemException.policy("mutual-tls-off",
                                "Application " + id + " does not use mutual TLS: it has no certificate to renew.");
                    }
                    CertificateAuthority.Issued cert = ca.issue(app.tenant(), app.clientId());
                    return certificates.active(tx, app.tenant(), app.id()).chain(previous -> certificates.replaceActive(tx, app.id())
                            .chain(() -> storeCertificate(tx, app, cert))
                            .chain(() -> outbox.append(tx, previous.isEmpty() ? certificateIssued(app, actor, cert, now)
                                    : EventEnvelope.of(Revocations.SOURCE, OAuthEvents.CERTIFICATE_RENEWED,
                                    new CertificateRenewed(app.tenant(), actor, new Target("client_certificate", cert.serialNumber()),
                                            now, app.id().toString(), app.clientId(), cert.serialNumber(), cert.thumbprint(),
                                            cert.notBefore(), cert.notAfter(), previous.get().serialNumber()))))
                            .replaceWith(new Object[]{app, cert}));
                }))
                .invoke(pair -> registry.invalidateClient(((Application) pair[0]).clientId()))
                .map(pair -> bundle((CertificateAuthority.Issued) pair[1], true));
    }

    /**
     * Registers a self-signed certificate the application authenticates with ({@code self_signed_tls_client_auth},
     * RFC 8705 §2.2). From then on the application must present one of its certificates at the token endpoint.
     */
    public Uni<SelfSignedCertificate> registerSelfSigned(LatchkeyPrincipal caller, UUID id, String certificatePem) {
        Instant now = clock.instant();
        SelfSignedCertificates.Checked checked;
        try {
            checked = SelfSignedCertificates.check(certificatePem, now);
        } catch (ProblemException e) {
            return Uni.createFrom().failure(e);
        }
        Actor actor = actor(caller);
        return pool.withTransaction(tx -> applications.findForUpdate(tx, caller.tenant(), id).chain(found -> {
                    Application app = found.orElseThrow(() -> notFound(id));
                    SelfSigned stored = new SelfSigned(app.tenant(), app.id(), checked.thumbprint(), checked.serialNumber(),
                            checked.notBefore(), checked.notAfter(), now);
                    return certificates.insertSelfSigned(tx, stored).chain(inserted -> {
                        if (!inserted) {
                            throw ProblemException.conflict("Application " + id
                                    + " has this certificate registered already (thumbprint " + checked.thumbprint() + ").");
                        }
                        return outbox.append(tx, EventEnvelope.of(Revocations.SOURCE, OAuthEvents.CERTIFICATE_REGISTERED,
                                new CertificateRegistered(app.tenant(), actor, new Target("client_certificate", checked.thumbprint()),
                                        now, app.id().toString(), app.clientId(), checked.serialNumber(), checked.thumbprint(),
                                        checked.notBefore(), checked.notAfter())));
                    }).replaceWith(new Object[]{app, stored});
                }))
                .invoke(pair -> registry.invalidateClient(((Application) pair[0]).clientId()))
                .map(pair -> selfSignedView((SelfSigned) pair[1]));
    }

    public Uni<List<SelfSignedCertificate>> selfSignedCertificates(LatchkeyPrincipal caller, UUID id) {
        return applications.find(caller.tenant(), id).chain(found -> {
            Application app = found.orElseThrow(() -> notFound(id));
            return certificates.selfSigned(pool, app.tenant(), app.id());
        }).map(list -> list.stream().map(ApplicationService::selfSignedView).toList());
    }

    /** Removes a self-signed certificate: it stops authenticating the application at once (on this replica). */
    public Uni<Void> removeSelfSigned(LatchkeyPrincipal caller, UUID id, String thumbprint) {
        Instant now = clock.instant();
        Actor actor = actor(caller);
        return pool.withTransaction(tx -> applications.findForUpdate(tx, caller.tenant(), id).chain(found -> {
                    Application app = found.orElseThrow(() -> notFound(id));
                    return certificates.deleteSelfSigned(tx, app.tenant(), app.id(), thumbprint).chain(removed -> {
                        if (removed.isEmpty()) {
                            throw ProblemException.notFound("self-signed certificate of application " + id, thumbprint);
                        }
                        return outbox.append(tx, EventEnvelope.of(Revocations.SOURCE, OAuthEvents.CERTIFICATE_UNREGISTERED,
                                new CertificateUnregistered(app.tenant(), actor, new Target("client_certificate", thumbprint),
                                        now, app.id().toString(), app.clientId(), thumbprint)));
                    }).replaceWith(app);
                }))
                .invoke(app -> registry.invalidateClient(app.clientId()))
                .replaceWithVoid();
    }

    private static SelfSignedCertificate selfSignedView(SelfSigned c) {
        return new SelfSignedCertificate(c.thumbprint(), c.serialNumber(), c.notBefore(), c.notAfter(), c.createdAt());
    }

    private EventEnvelope certificateIssued(Application app, Actor actor, CertificateAuthority.Issued cert, Instant now) {
        return EventEnvelope.of(Revocations.SOURCE, OAuthEvents.CERTIFICATE_ISSUED,
                new CertificateIssued(app.tenant(), actor, new Target("client_certificate", cert.serialNumber()), now,
                        app.id().toString(), app.clientId(), cert.serialNumber(), cert.thumbprint(), cert.notBefore(),
                        cert.notAfter()));
    }

    private Uni<Void> storeCertificate(SqlConnection tx, Application app, CertificateAuthority.Issued cert) {
        return certificates.insert(tx, new StoredCertificate(cert.serialNumber(), app.tenant(), app.id(), cert.thumbprint(),
                cert.certificatePem(), cert.notBefore(), cert.notAfter(), "active"));
    }

    private CertificateBundle bundle(CertificateAuthority.Issued c, boolean withKey) {
        return new CertificateBundle(c.serialNumber(), c.thumbprint(), c.notBefore(), c.notAfter(), c.certificatePem(),
                ca.caCertificatePem(), withKey ? c.privateKeyPem() : null, withKey ? c.pkcs12Base64() : null,
                withKey ? c.pkcs12Password() : null);
    }

    private Uni<Void> checkLimit(SqlConnection tx, String tenant) {
        return directory.applicationLimit(tx, tenant).chain(limit -> applications.count(tx, tenant).invoke(count -> {
            int max = limit.orElse(config.defaultApplicationLimit());
            if (count >= max) {
                throw ProblemException.policy("oauth-application-limit", "Tenant " + tenant + " may register at most "
                        + max + " OAuth application" + (max == 1 ? "" : "s") + " and has " + count
                        + ". Delete one, or ask the platform operator to raise the limit.");
            }
        })).replaceWithVoid();
    }

    /** client_credentials: the acting member must be an active member of the tenant, and their role must allow the scopes. */
    private Uni<Void> checkActingMember(SqlConnection tx, Application app) {
        if (app.grantType() != GrantType.CLIENT_CREDENTIALS) {
            return Uni.createFrom().voidItem();
        }
        return directory.member(tx, app.tenant(), app.actingMemberId()).invoke(found -> {
            if (found.isEmpty() || !found.get().isActive()) {
                throw ProblemException.invalid("actingMemberId", "must be an active member of tenant " + app.tenant());
            }
            var exceeding = scopes.exceedsRole(app.scopes(), Scopes.PRINCIPAL_MEMBER, found.get().role());
            if (!exceeding.isEmpty()) {
                throw ProblemException.invalid("scopes", "exceed what the acting member's role ("
                        + found.get().role() + ") allows: " + String.join(" ", exceeding));
            }
        }).replaceWithVoid();
    }

    private static String validName(String name, List<Problem.FieldError> errors) {
        if (name == null || name.isBlank()) {
            errors.add(new Problem.FieldError("name", "is required"));
            return null;
        }
        String n = name.strip();
        if (n.length() > 100) {
            errors.add(new Problem.FieldError("name", "must be at most 100 characters"));
        }
        return n;
    }

    private static void validRedirects(List<String> redirects, List<Problem.FieldError> errors) {
        if (redirects.isEmpty()) {
            errors.add(new Problem.FieldError("redirectUris", "at least one callback URL is required for authorization_code"));
        }
        if (redirects.size() > 20) {
            errors.add(new Problem.FieldError("redirectUris", "at most 20 callback URLs"));
        }
        for (int i = 0; i < redirects.size(); i++) {
            int index = i;
            RedirectUris.problem(redirects.get(i)).ifPresent(p -> errors.add(new Problem.FieldError("redirectUris[" + index + "]", p)));
        }
    }

    private List<String> validScopes(List<String> requested, List<Problem.FieldError> errors) {
        if (requested == null || requested.isEmpty()) {
            errors.add(new Problem.FieldError("scopes", "at least one scope is required"));
            return List.of();
        }
        List<String> list = new ArrayList<>(new LinkedHashSet<>(requested));
        for (ScopeError e : scopes.validate(list)) {
            errors.add(new Problem.FieldError("scopes[" + requested.indexOf(e.scope()) + "]", e.message()));
        }
        return list;
    }

    private static int validLifetime(Integer seconds, List<Problem.FieldError> errors) {
        if (seconds == null) {
            return MAX_LIFETIME_SECONDS;
        }
        if (seconds < 60 || seconds > MAX_LIFETIME_SECONDS) {
            errors.add(new Problem.FieldError("accessTokenLifetimeSeconds",
                    "must be between 60 and 86400 seconds (24 h is the maximum)"));
        }
        return seconds;
    }

    private String newClientId() {
        StringBuilder b = new StringBuilder("lkapp_");
        for (int i = 0; i < 22; i++) {
            b.append(BASE62.charAt(random.nextInt(62)));
        }
        return b.toString();
    }

    static Actor actor(LatchkeyPrincipal p) {
        return new Actor(p.principalType(), p.principalId());
    }

    static Target target(Application app) {
        return new Target("oauth_application", app.id().toString());
    }

    private static ProblemException notFound(UUID id) {
        return ProblemException.notFound("OAuth application", id.toString());
    }

    public static ApplicationView view(Application a) {
        return new ApplicationView(a.id().toString(), a.clientId(), a.name(), a.grantType().value(), a.redirectUris(),
                a.actingMemberId(), a.scopes(), a.accessTokenTtl(), a.mtls(), a.secretHint(), a.previousSecretValidUntil(),
                a.createdAt(), a.updatedAt());
    }
}
