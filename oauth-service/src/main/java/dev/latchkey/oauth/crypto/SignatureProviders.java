package dev.latchkey.oauth.crypto;

import com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider;
import dev.latchkey.oauth.config.OAuthConfig;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ImageMode;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.jose4j.jca.ProviderContext;
import org.jose4j.json.JsonUtil;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Security;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The JCA provider each signing algorithm's signatures and keys go through, for the issuer and for introspection.
 *
 * <p>ES256 goes through AWS-LC (Amazon Corretto Crypto Provider) where its native library loads — a JVM on Linux
 * x86-64 — unless {@code latchkey.oauth.keys.aws-lc=false}: it signed 38k tokens/s on one core here against
 * BouncyCastle's 10–11k, and signing is most of what a client-credentials grant costs (oauth-service/README.md).
 * Elsewhere (a native image, another platform, the setting off) ES256 goes through BouncyCastle, as EdDSA always
 * does: AWS-LC's provider has no Ed25519 key factory.
 *
 * <p>Keys are made by the provider that uses them: given another provider's key, a provider converts it whenever a
 * {@code Signature} is initialised with it (jose4j does so for every verification); BouncyCastle then loses its
 * precomputed tables for P-256 (2.5x slower) and re-derives Ed25519 public keys.
 */
@Singleton
public class SignatureProviders {
    /** BouncyCastle, registered by {@code quarkus.security.security-providers=BC}. */
    public static final String BOUNCY_CASTLE = "BC";

    private final String es256;
    private final ProviderContext es256Context;
    private final ProviderContext bouncyCastleContext;

    @Inject
    SignatureProviders(OAuthConfig config) {
        this(config.keys().awsLc());
    }

    SignatureProviders(boolean useAwsLc) {
        this.es256 = useAwsLc ? awsLc().orElse(BOUNCY_CASTLE) : BOUNCY_CASTLE;
        this.es256Context = context(es256);
        this.bouncyCastleContext = context(BOUNCY_CASTLE);
        Log.infof("ES256 access tokens are signed through %s, EdDSA ones through %s", es256, BOUNCY_CASTLE);
    }

    /** The name of the provider that signs and verifies {@code algorithm}. */
    public String provider(SigningAlgorithm algorithm) {
        return algorithm == SigningAlgorithm.ES256 ? es256 : BOUNCY_CASTLE;
    }

    /** jose4j's provider context for verifying {@code algorithm}'s signatures (introspection, revocation). */
    public ProviderContext context(SigningAlgorithm algorithm) {
        return algorithm == SigningAlgorithm.ES256 ? es256Context : bouncyCastleContext;
    }

    /** {@code algorithm}'s private key, from its PKCS#8 encoding, as its provider's own key. */
    private PrivateKey privateKey(SigningAlgorithm algorithm, byte[] pkcs8) throws GeneralSecurityException {
        return KeyFactory.getInstance(algorithm.keyAlgorithm(), provider(algorithm)).generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
    }

    /** {@code algorithm}'s public key as its provider's own key. */
    public PublicKey publicKey(SigningAlgorithm algorithm, PublicKey key) throws GeneralSecurityException {
        return KeyFactory.getInstance(algorithm.keyAlgorithm(), provider(algorithm)).generatePublic(new X509EncodedKeySpec(key.getEncoded()));
    }

    /**
     * A signer with {@code algorithm}'s key {@code pkcs8}, whose JWS header names {@code kid}, the algorithm and
     * {@code typ}.
     */
    public JwsSigner signer(SigningAlgorithm algorithm, String kid, String typ, byte[] pkcs8) throws GeneralSecurityException {
        PrivateKey key = privateKey(algorithm, pkcs8);
        String provider = provider(algorithm);
        String signatureAlgorithm = switch (algorithm) {
            // JWS wants R || S, not DER: each provider's name for that
            case ES256 -> provider.equals(BOUNCY_CASTLE) ? "SHA256withPLAIN-ECDSA" : "SHA256withECDSAinP1363Format";
            case EDDSA -> "Ed25519";
        };
        Supplier<Signature> initialised = () -> {
            try {
                Signature signature = Signature.getInstance(signatureAlgorithm, provider);
                signature.initSign(key);
                return signature;
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("cannot sign with " + algorithm.jose() + " through " + provider, e);
            }
        };
        initialised.get(); // a key or provider that cannot sign fails when the key is loaded, not at the first grant
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("kid", kid);
        header.put("typ", typ);
        header.put("alg", algorithm.jose());
        return new JwsSigner(provider, JsonUtil.toJson(header), initialised);
    }

    private static ProviderContext context(String provider) {
        ProviderContext context = new ProviderContext();
        context.getSuppliedKeyProviderContext().setSignatureProvider(provider);
        return context;
    }

    /**
     * AWS-LC's provider, registered after every other provider (so that only what names it uses it), when its
     * native library loads and passes its self-tests.
     */
    private static Optional<String> awsLc() {
        if (ImageMode.current().isNativeImage()) {
            return Optional.empty(); // its JNI library is not part of a native image
        }
        try {
            AmazonCorrettoCryptoProvider provider = AmazonCorrettoCryptoProvider.INSTANCE;
            if (provider.getLoadingError() != null) {
                Log.warnf("AWS-LC (Amazon Corretto Crypto Provider) is not available here, ES256 falls back to "
                        + "BouncyCastle: %s", provider.getLoadingError().toString());
                return Optional.empty();
            }
            provider.assertHealthy();
            if (Security.getProvider(provider.getName()) == null) {
                Security.addProvider(provider);
            }
            return Optional.of(provider.getName());
        } catch (RuntimeException | LinkageError e) {
            Log.warnf("AWS-LC (Amazon Corretto Crypto Provider) is not available here, ES256 falls back to BouncyCastle: %s",
                    e.toString());
            return Optional.empty();
        }
    }
}
