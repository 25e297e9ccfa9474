package dev.latchkey.oauth.service;

import dev.latchkey.oauth.config.OAuthConfig;
import dev.latchkey.oauth.crypto.KeyCipher;
import dev.latchkey.oauth.repository.CertificateRepository;
import dev.latchkey.oauth.repository.CertificateRepository.StoredCa;
import io.quarkus.runtime.StartupEvent;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.util.IPAddress;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Date;
import java.util.List;

/**
 * Latchkey's client-certificate CA (BouncyCastle): an EC P-256 root created once (under an advisory lock, so
 * several replicas agree on one), whose key is stored encrypted. Issues one-year client certificates
 * (CN = client id, O = tenant, extendedKeyUsage clientAuth).
 */
@Singleton
public class CertificateAuthority {
    public record Issued(String serialNumber, String thumbprint, Instant notBefore, Instant notAfter,
                         String certificatePem, String privateKeyPem, String pkcs12Base64, String pkcs12Password) {
    }

    private final CertificateRepository repository;
    private final Pool pool;
    private final KeyCipher cipher;
    private final OAuthConfig config;
    private final SecureRandom random = new SecureRandom();
    private volatile X509Certificate caCertificate;
    private volatile PrivateKey caKey;
    private volatile String caPem;

    CertificateAuthority(CertificateRepository repository, Pool pool, KeyCipher cipher, OAuthConfig config) {
        this.repository = repository;
        this.pool = pool;
        this.cipher = cipher;
        this.config = config;
    }

    void onStart(@Observes StartupEvent event) {
        StoredCa stored = pool.withTransaction(tx -> repository.lock(tx, CertificateRepository.CA_LOCK)
                        .chain(() -> repository.ca(tx))
                        .chain(existing -> existing.isPresent() ? io.smallrye.mutiny.Uni.createFrom().item(existing.get())
                                : io.smallrye.mutiny.Uni.createFrom().item(this::createCa).chain(ca -> repository.insertCa(tx, ca).replaceWith(ca))))
                .await().indefinitely();
        try {
            caCertificate = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(stored.certificatePem().getBytes(StandardCharsets.US_ASCII)));
            caKey = KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(cipher.decrypt("ca", stored.privateKeyEncrypted())));
            caPem = stored.certificatePem();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot load the client-certificate CA", e);
        }
    }

    public String caCertificatePem() {
        return caPem;
    }

    public X509Certificate caCertificate() {
        return caCertificate;
    }

    public Issued issue(String tenant, String clientId) {
        Instant notBefore = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(60);
        return issue(tenant, clientId, notBefore, notBefore.plus(config.certificates().validity()));
    }

    /** A client certificate with the given validity (tests issue expired ones through it). */
    public Issued issue(String tenant, String clientId, Instant notBefore, Instant notAfter) {
        try {
            KeyPair pair = ecKeyPair();
            X500Name subject = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.O, tenant).addRDN(BCStyle.CN, clientId).build();
            X509Certificate cert = sign(subject, pair, notBefore, notAfter, KeyPurposeId.id_kp_clientAuth, null);
            byte[] pw = new byte[18];
            random.nextBytes(pw);
            String password = Base64.getUrlEncoder().withoutPadding().encodeToString(pw);
            KeyStore p12 = KeyStore.getInstance("PKCS12");
            p12.load(null, null);
            p12.setKeyEntry("client", pair.getPrivate(), password.toCharArray(), new java.security.cert.Certificate[]{cert, caCertificate});
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            p12.store(out, password.toCharArray());
            return new Issued(cert.getSerialNumber().toString(16), thumbprint(cert), notBefore, notAfter, pem(cert),
                    pem(pair.getPrivate()), Base64.getEncoder().encodeToString(out.toByteArray()), password);
        } catch (Exception e) {
            throw new IllegalStateException("cannot issue a client certificate", e);
        }
    }

    /**
     * The mutual-TLS listener's own certificate (serverAuth, the given DNS names / IP addresses), issued by this CA
     * so that clients trust it with the CA certificate they already get with their client certificate.
     */
    public KeyStore.PrivateKeyEntry issueServer(List<String> names, Duration validity) {
        try {
            KeyPair pair = ecKeyPair();
            Instant notBefore = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(60);
            GeneralName[] alt = names.stream().map(n -> new GeneralName((IPAddress.isValid(n))
                    ? GeneralName.iPAddress : GeneralName.dNSName, n)).toArray(GeneralName[]::new);
            X500Name subject = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.O, "Latchkey")
                    .addRDN(BCStyle.CN, names.isEmpty() ? "oauth-service" : names.get(0)).build();
            X509Certificate cert = sign(subject, pair, notBefore, notBefore.plus(validity), KeyPurposeId.id_kp_serverAuth,
                    new GeneralNames(alt));
            return new KeyStore.PrivateKeyEntry(pair.getPrivate(), new java.security.cert.Certificate[]{cert, caCertificate});
        } catch (Exception e) {
            throw new IllegalStateException("cannot issue the server certificate", e);
        }
    }

    private X509Certificate sign(X500Name subject, KeyPair pair, Instant notBefore, Instant notAfter, KeyPurposeId purpose,
                                 GeneralNames alternativeNames) throws Exception {
        BigInteger serial = new BigInteger(127, random).setBit(126);
        JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
        X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(caCertificate, serial, Date.from(notBefore),
                Date.from(notAfter), subject, pair.getPublic())
                .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
                .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purpose))
                .addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(pair.getPublic()))
                .addExtension(Extension.authorityKeyIdentifier, false, ext.createAuthorityKeyIdentifier(caCertificate));
        if (alternativeNames != null) {
            b.addExtension(Extension.subjectAlternativeName, false, alternativeNames);
        }
        return new JcaX509CertificateConverter().getCertificate(b.build(signer(caKey)));
    }

    /** RFC 8705 §3.1: base64url SHA-256 of the DER certificate. */
    public static String thumbprint(X509Certificate cert) throws GeneralSecurityException {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(MessageDigest.getInstance("SHA-256").digest(cert.getEncoded()));
    }

    private StoredCa createCa() {
        try {
            KeyPair pair = ecKeyPair();
            Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
            X500Name name = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.O, "Latchkey")
                    .addRDN(BCStyle.CN, "Latchkey OAuth client CA").build();
            JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(name, new BigInteger(127, random).setBit(126),
                    Date.from(now.minusSeconds(60)), Date.from(now.plus(Duration.ofDays(3650))), name, pair.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(0))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
                    .addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(pair.getPublic()));
            X509Certificate cert = new JcaX509CertificateConverter().getCertificate(b.build(signer(pair.getPrivate())));
            return new StoredCa(pem(cert), cipher.encrypt("ca", pair.getPrivate().getEncoded()));
        } catch (Exception e) {
            throw new IllegalStateException("cannot create the client-certificate CA", e);
        }
    }

    private static ContentSigner signer(PrivateKey key) throws Exception {
        return new JcaContentSignerBuilder("SHA256withECDSA").build(key);
    }

    private static KeyPair ecKeyPair() throws GeneralSecurityException {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        return g.generateKeyPair();
    }

    static String pem(Object o) throws java.io.IOException {
        StringWriter w = new StringWriter();
        try (JcaPEMWriter pw = new JcaPEMWriter(w)) {
            pw.writeObject(o instanceof PrivateKey k ? new org.bouncycastle.util.io.pem.PemObject("PRIVATE KEY", k.getEncoded()) : o);
        }
        return w.toString();
    }
}
