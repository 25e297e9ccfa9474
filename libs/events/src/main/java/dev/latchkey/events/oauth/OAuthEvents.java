package dev.latchkey.events.oauth;

import dev.latchkey.events.EventType;
import dev.latchkey.events.Topics;

import java.util.List;

/** Contracts published on {@code dev.latchkey.events.Topics#OAUTH_EVENTS} by oauth-service: OAuth applications, certificates, consents. */
public final class OAuthEvents {
    public static final EventType<ApplicationCreated> APPLICATION_CREATED = new EventType<>(
            "latchkey.oauth.application.created.v1", Topics.OAUTH_EVENTS, ApplicationCreated.class);
    public static final EventType<ApplicationUpdated> APPLICATION_UPDATED = new EventType<>(
            "latchkey.oauth.application.updated.v1", Topics.OAUTH_EVENTS, ApplicationUpdated.class);
    public static final EventType<ApplicationSecretRotated> APPLICATION_SECRET_ROTATED = new EventType<>(
            "latchkey.oauth.application.secret_rotated.v1", Topics.OAUTH_EVENTS, ApplicationSecretRotated.class);
    public static final EventType<ApplicationDeleted> APPLICATION_DELETED = new EventType<>(
            "latchkey.oauth.application.deleted.v1", Topics.OAUTH_EVENTS, ApplicationDeleted.class);
    public static final EventType<CertificateIssued> CERTIFICATE_ISSUED = new EventType<>(
            "latchkey.oauth.certificate.issued.v1", Topics.OAUTH_EVENTS, CertificateIssued.class);
    public static final EventType<CertificateRenewed> CERTIFICATE_RENEWED = new EventType<>(
            "latchkey.oauth.certificate.renewed.v1", Topics.OAUTH_EVENTS, CertificateRenewed.class);
    public static final EventType<CertificateExpiring> CERTIFICATE_EXPIRING = new EventType<>(
            "latchkey.oauth.certificate.expiring.v1", Topics.OAUTH_EVENTS, CertificateExpiring.class);
    public static final EventType<CertificateRegistered> CERTIFICATE_REGISTERED = new EventType<>(
            "latchkey.oauth.certificate.registered.v1", Topics.OAUTH_EVENTS, CertificateRegistered.class);
    public static final EventType<CertificateUnregistered> CERTIFICATE_UNREGISTERED = new EventType<>(
            "latchkey.oauth.certificate.unregistered.v1", Topics.OAUTH_EVENTS, CertificateUnregistered.class);
    public static final EventType<ConsentGranted> CONSENT_GRANTED = new EventType<>(
            "latchkey.oauth.consent.granted.v1", Topics.OAUTH_EVENTS, ConsentGranted.class);
    public static final EventType<ConsentRevoked> CONSENT_REVOKED = new EventType<>(
            "latchkey.oauth.consent.revoked.v1", Topics.OAUTH_EVENTS, ConsentRevoked.class);

    public static final List<EventType<?>> ALL = List.of(
            APPLICATION_CREATED, APPLICATION_UPDATED, APPLICATION_SECRET_ROTATED, APPLICATION_DELETED, CERTIFICATE_ISSUED, CERTIFICATE_RENEWED, CERTIFICATE_EXPIRING, CERTIFICATE_REGISTERED, CERTIFICATE_UNREGISTERED, CONSENT_GRANTED, CONSENT_REVOKED);

    private OAuthEvents() {
    }
}
