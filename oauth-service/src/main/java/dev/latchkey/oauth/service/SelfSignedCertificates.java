package dev.latchkey.oauth.service;

import dev.latchkey.problem.ProblemException;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMParser;

import java.io.IOException;
import java.io.StringReader;
import java.security.GeneralSecurityException;
import java.security.interfaces.RSAPublicKey;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Set;

/**
 * Checks a certificate an application registers for {@code self_signed_tls_client_auth} (RFC 8705 §2.2): one PEM
 * X.509 certificate, really self-signed, valid now, not a CA, with a key strong enough. Only its thumbprint and
 * dates are kept: the token endpoint matches the presented certificate by thumbprint, nothing else.
 */
public final class SelfSignedCertificates {
    public static final String FIELD = "certificatePem";
    private static final int MIN_RSA_BITS = 2048;
    private static final Set<ASN1ObjectIdentifier> CURVES = Set.of(SECObjectIdentifiers.secp256r1, SECObjectIdentifiers.secp384r1);

    /** What is stored of a registered certificate. */
    public record Checked(String thumbprint, String serialNumber, Instant notBefore, Instant notAfter) {
    }

    private SelfSignedCertificates() {
    }

    /** The certificate's thumbprint and dates, or a 400 problem saying what is wrong with it. */
    public static Checked check(String pem, Instant now) {
        if (pem == null || pem.isBlank()) {
            throw ProblemException.invalid(FIELD, "is required: the PEM of the self-signed certificate");
        }
        X509CertificateHolder holder = parse(pem);
        X509Certificate cert;
        try {
            cert = new JcaX509CertificateConverter().getCertificate(holder);
        } catch (GeneralSecurityException e) {
            throw ProblemException.invalid(FIELD, "is not a readable X.509 certificate");
        }
        if (!cert.getSubjectX500Principal().equals(cert.getIssuerX500Principal())) {
            throw ProblemException.invalid(FIELD, "is not self-signed: its issuer is not its subject");
        }
        try {
            cert.verify(cert.getPublicKey());
        } catch (GeneralSecurityException e) {
            throw ProblemException.invalid(FIELD, "is not self-signed: its signature does not verify with its own key");
        }
        if (now.isBefore(cert.getNotBefore().toInstant())) {
            throw ProblemException.invalid(FIELD, "is not valid yet (notBefore " + cert.getNotBefore().toInstant() + ")");
        }
        if (!now.isBefore(cert.getNotAfter().toInstant())) {
            throw ProblemException.invalid(FIELD, "has expired (notAfter " + cert.getNotAfter().toInstant() + ")");
        }
        if (cert.getBasicConstraints() >= 0) {
            throw ProblemException.invalid(FIELD, "is a CA certificate (basicConstraints CA=true): register a client certificate");
        }
        checkUsage(holder.getExtensions());
        checkKey(holder.getSubjectPublicKeyInfo(), cert);
        try {
            return new Checked(CertificateAuthority.thumbprint(cert), cert.getSerialNumber().toString(16),
                    cert.getNotBefore().toInstant(), cert.getNotAfter().toInstant());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * RFC 5280 §4.2.1.3 and §4.2.1.12: where a certificate limits its uses, TLS client authentication must be one
     * of them (a TLS client signs the handshake), or the TLS listener would refuse it later with no useful error.
     */
    private static void checkUsage(Extensions extensions) {
        if (extensions == null) {
            return;
        }
        KeyUsage keyUsage = KeyUsage.fromExtensions(extensions);
        if (keyUsage != null && !keyUsage.hasUsages(KeyUsage.digitalSignature)) {
            throw ProblemException.invalid(FIELD, "cannot authenticate a TLS client: its key usage lacks digitalSignature");
        }
        ExtendedKeyUsage extendedKeyUsage = ExtendedKeyUsage.fromExtensions(extensions);
        if (extendedKeyUsage != null && !extendedKeyUsage.hasKeyPurposeId(KeyPurposeId.id_kp_clientAuth)
                && !extendedKeyUsage.hasKeyPurposeId(KeyPurposeId.anyExtendedKeyUsage)) {
            throw ProblemException.invalid(FIELD, "cannot authenticate a TLS client: its extended key usage lacks clientAuth");
        }
    }

    private static X509CertificateHolder parse(String pem) {
        try (PEMParser parser = new PEMParser(new StringReader(pem))) {
            Object first = parser.readObject();
            if (!(first instanceof X509CertificateHolder holder)) {
                throw ProblemException.invalid(FIELD, "is not a PEM-encoded X.509 certificate (-----BEGIN CERTIFICATE-----)");
            }
            if (parser.readObject() != null) {
                throw ProblemException.invalid(FIELD, "must hold exactly one certificate (and no key)");
            }
            return holder;
        } catch (IOException | RuntimeException e) {
            if (e instanceof ProblemException p) {
                throw p;
            }
            throw ProblemException.invalid(FIELD, "is not a PEM-encoded X.509 certificate (-----BEGIN CERTIFICATE-----)");
        }
    }

    private static void checkKey(SubjectPublicKeyInfo info, X509Certificate cert) {
        if (cert.getPublicKey() instanceof RSAPublicKey rsa) {
            if (rsa.getModulus().bitLength() < MIN_RSA_BITS) {
                throw ProblemException.invalid(FIELD, "has a " + rsa.getModulus().bitLength()
                        + "-bit RSA key: at least " + MIN_RSA_BITS + " bits are required");
            }
            return;
        }
        if ("EC".equals(cert.getPublicKey().getAlgorithm())
                && info.getAlgorithm().getParameters() instanceof ASN1ObjectIdentifier curve && CURVES.contains(curve)) {
            return;
        }
        throw ProblemException.invalid(FIELD, "has an unsupported key: use RSA (at least 2048 bits) or EC P-256 / P-384");
    }
}
