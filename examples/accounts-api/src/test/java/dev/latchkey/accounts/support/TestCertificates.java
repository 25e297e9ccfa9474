package dev.latchkey.accounts.support;

import java.io.FileInputStream;
import java.io.OutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/** Self-signed client certificates made by the JDK's keytool (no extra library for a test fixture). */
public final class TestCertificates {
    private TestCertificates() {
    }

    public static final String PASSWORD = "changeit";

    public static X509Certificate selfSigned(String cn) throws Exception {
        return (X509Certificate) keyStore(Files.createTempDirectory("certs").resolve("c.p12"), cn, null).getCertificate("c");
    }

    /**
     * A PKCS#12 at {@code store} (password {@link #PASSWORD}) with one self-signed EC key pair, alias {@code c};
     * {@code subjectAlternativeNames} in keytool's form ({@code dns:localhost,ip:127.0.0.1}) or null.
     */
    public static KeyStore keyStore(Path store, String cn, String subjectAlternativeNames) throws Exception {
        Files.createDirectories(store.getParent());
        Files.deleteIfExists(store);
        String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        List<String> command = new ArrayList<>(List.of(keytool, "-genkeypair", "-alias", "c", "-keyalg", "EC", "-groupname",
                "secp256r1", "-dname", "CN=" + cn, "-validity", "2", "-keystore", store.toString(), "-storetype", "PKCS12",
                "-storepass", PASSWORD, "-keypass", PASSWORD));
        if (subjectAlternativeNames != null) {
            command.addAll(List.of("-ext", "SAN=" + subjectAlternativeNames));
        }
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        if (p.waitFor() != 0) {
            throw new IllegalStateException("keytool failed");
        }
        return load(store);
    }

    public static KeyStore load(Path store) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (FileInputStream in = new FileInputStream(store.toFile())) {
            ks.load(in, PASSWORD.toCharArray());
        }
        return ks;
    }

    /** A PKCS#12 trust store at {@code store} holding {@code certificates}. */
    public static void trustStore(Path store, X509Certificate... certificates) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        for (int i = 0; i < certificates.length; i++) {
            ks.setCertificateEntry("t" + i, certificates[i]);
        }
        try (OutputStream out = Files.newOutputStream(store)) {
            ks.store(out, PASSWORD.toCharArray());
        }
    }

    /** As an ingress forwards it: URL-encoded PEM. */
    public static String forwarded(X509Certificate c) throws Exception {
        String pem = "-----BEGIN CERTIFICATE-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(c.getEncoded())
                + "\n-----END CERTIFICATE-----\n";
        return URLEncoder.encode(pem, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
