package dev.latchkey.oauth.tls;

import dev.latchkey.oauth.config.OAuthConfig;
import dev.latchkey.oauth.service.CertificateAuthority;
import io.quarkus.arc.Unremovable;
import io.quarkus.logging.Log;
import io.quarkus.tls.runtime.KeyStoreAndKeyCertOptions;
import io.quarkus.tls.runtime.KeyStoreProvider;
import io.quarkus.tls.runtime.TrustStoreAndTrustOptions;
import io.quarkus.tls.runtime.TrustStoreProvider;
import io.smallrye.common.annotation.Identifier;
import io.vertx.core.Vertx;
import io.vertx.core.net.KeyCertOptions;
import io.vertx.core.net.TrustOptions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;
import javax.net.ssl.X509ExtendedTrustManager;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Key and trust material of the mutual-TLS listener (RFC 8705), the TLS registry's configuration {@code mtls}
 * that {@code quarkus.http.tls-configuration-name} points the HTTPS port at.
 * <p>
 * The CA and its key live in the database and are loaded at start-up, after the TLS registry has been set up, so
 * both managers consult {@link CertificateAuthority} at handshake time. The server certificate is issued by the
 * Latchkey CA (clients already get that CA with their own certificate). Client certificates are accepted at the TLS
 * layer when the Latchkey CA signed them, or when they are self-signed ({@code self_signed_tls_client_auth}, RFC 8705
 * §2.2: the handshake cannot know the client yet), whatever their validity dates: the token endpoint then matches the
 * exact certificate (its thumbprint) against the application's current or registered ones and answers an expired or
 * foreign one with an RFC 6749 {@code invalid_client}, which tells the client what is wrong, instead of a bare TLS
 * alert. A certificate another CA signed still fails the handshake.
 */
@Singleton
public class MutualTlsListener {
    public static final String TLS_CONFIGURATION = "mtls";
    private static final Duration SERVER_CERTIFICATE_VALIDITY = Duration.ofDays(90);
    private static final Duration RENEW_BEFORE = Duration.ofDays(7);
    private static final String ALIAS = "oauth-service";

    private final CertificateAuthority ca;
    private final OAuthConfig config;
    private volatile KeyStore.PrivateKeyEntry serverCertificate;

    MutualTlsListener(CertificateAuthority ca, OAuthConfig config) {
        this.ca = ca;
        this.config = config;
    }

    @Produces
    @Unremovable
    @ApplicationScoped
    @Identifier(TLS_CONFIGURATION)
    KeyStoreProvider keyStore() {
        return vertx -> new KeyStoreAndKeyCertOptions(emptyKeyStore(), KeyCertOptions.wrap(new ServerKeyManager()));
    }

    @Produces
    @Unremovable
    @ApplicationScoped
    @Identifier(TLS_CONFIGURATION)
    TrustStoreProvider trustStore() {
        return vertx -> new TrustStoreAndTrustOptions(emptyKeyStore(), TrustOptions.wrap(new ClientTrustManager()));
    }

    /** The server certificate, issued on first use and again shortly before it expires (each replica its own). */
    KeyStore.PrivateKeyEntry serverCertificate() {
        KeyStore.PrivateKeyEntry entry = serverCertificate;
        if (entry == null || expiresSoon(entry)) {
            synchronized (this) {
                entry = serverCertificate;
                if ((entry == null || expiresSoon(entry)) && ca.caCertificate() != null) {
                    entry = ca.issueServer(config.mtls().serverNames(), SERVER_CERTIFICATE_VALIDITY);
                    serverCertificate = entry;
                    Log.infof("mutual TLS: server certificate for %s issued by the Latchkey CA", config.mtls().serverNames());
                }
            }
        }
        return entry;
    }

    private static boolean expiresSoon(KeyStore.PrivateKeyEntry entry) {
        Instant notAfter = ((X509Certificate) entry.getCertificate()).getNotAfter().toInstant();
        return Instant.now().plus(RENEW_BEFORE).isAfter(notAfter);
    }

    private static KeyStore emptyKeyStore() {
        try {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            return ks;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private final class ServerKeyManager extends X509ExtendedKeyManager {
        @Override
        public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
            return serverAlias(keyType);
        }

        @Override
        public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
            return serverAlias(keyType);
        }

        private String serverAlias(String keyType) {
            KeyStore.PrivateKeyEntry entry = serverCertificate();
            return entry != null && entry.getPrivateKey().getAlgorithm().equals(keyType) ? ALIAS : null;
        }

        @Override
        public String[] getServerAliases(String keyType, Principal[] issuers) {
            String alias = serverAlias(keyType);
            return alias == null ? null : new String[]{alias};
        }

        @Override
        public X509Certificate[] getCertificateChain(String alias) {
            KeyStore.PrivateKeyEntry entry = ALIAS.equals(alias) ? serverCertificate() : null;
            if (entry == null) {
                return null;
            }
            List<X509Certificate> chain = new ArrayList<>();
            for (var c : entry.getCertificateChain()) {
                chain.add((X509Certificate) c);
            }
            return chain.toArray(X509Certificate[]::new);
        }

        @Override
        public PrivateKey getPrivateKey(String alias) {
            KeyStore.PrivateKeyEntry entry = ALIAS.equals(alias) ? serverCertificate() : null;
            return entry == null ? null : entry.getPrivateKey();
        }

        @Override
        public String[] getClientAliases(String keyType, Principal[] issuers) {
            return null;
        }

        @Override
        public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
            return null;
        }
    }

    private final class ClientTrustManager extends X509ExtendedTrustManager {
        private void check(X509Certificate[] chain) throws CertificateException {
            X509Certificate root = ca.caCertificate();
            if (root == null) {
                throw new CertificateException("the client-certificate CA is not loaded yet");
            }
            if (chain == null || chain.length == 0) {
                throw new CertificateException("no client certificate");
            }
            if (!signedBy(chain[0], root) && !selfSigned(chain[0])) {
                throw new CertificateException("the client certificate was neither issued by the Latchkey CA nor self-signed");
            }
        }

        private static boolean signedBy(X509Certificate cert, X509Certificate issuer) {
            try {
                cert.verify(issuer.getPublicKey());
                return true;
            } catch (GeneralSecurityException e) {
                return false;
            }
        }

        /** Issuer = subject and the signature verifies with its own key; who it belongs to is the token endpoint's call. */
        private static boolean selfSigned(X509Certificate cert) {
            return cert.getIssuerX500Principal().equals(cert.getSubjectX500Principal()) && signedBy(cert, cert);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            check(chain);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
            check(chain);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
            check(chain);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            throw new CertificateException("server certificates are not checked here");
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
            throw new CertificateException("server certificates are not checked here");
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
            throw new CertificateException("server certificates are not checked here");
        }

        /**
         * None named in the CertificateRequest (RFC 8705 §2.2 allows an empty list): clients filter their certificates
         * by the names the server lists, so naming only the Latchkey CA would keep stock clients (the JDK's key
         * managers) from ever offering a self-signed certificate.
         */
        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
