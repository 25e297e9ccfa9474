package dev.latchkey.oauth.crypto;

import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class SignatureProvidersTest {
    private static final String AWS_LC = "AmazonCorrettoCryptoProvider";

    @BeforeAll
    static void bouncyCastle() {
        // what quarkus.security.security-providers=BC does in the service
        if (Security.getProvider(SignatureProviders.BOUNCY_CASTLE) == null) {
            Security.addProvider(new BouncyCastleProvider());
        }
    }

    @Test
    void shouldSignEs256ThroughAwsLcOnLinuxX86() throws Exception {
        assumeTrue(System.getProperty("os.name").equals("Linux") && System.getProperty("os.arch").equals("amd64"),
                "AWS-LC's native library is shipped for Linux x86-64");
        SignatureProviders providers = new SignatureProviders(true);

        assertThat(providers.provider(SigningAlgorithm.ES256)).isEqualTo(AWS_LC);
        assertThat(providers.context(SigningAlgorithm.ES256).getSuppliedKeyProviderContext().getSignatureProvider()).isEqualTo(AWS_LC);
        assertThat(providers.provider(SigningAlgorithm.EDDSA)).isEqualTo(SignatureProviders.BOUNCY_CASTLE);
        assertSignsTokensOthersVerify(providers, SigningAlgorithm.ES256, AWS_LC);
        assertSignsTokensOthersVerify(providers, SigningAlgorithm.EDDSA, SignatureProviders.BOUNCY_CASTLE);
    }

    @Test
    void shouldSignThroughBouncyCastleWhenAwsLcIsTurnedOff() throws Exception {
        SignatureProviders providers = new SignatureProviders(false);

        assertThat(providers.provider(SigningAlgorithm.ES256)).isEqualTo(SignatureProviders.BOUNCY_CASTLE);
        assertThat(providers.provider(SigningAlgorithm.EDDSA)).isEqualTo(SignatureProviders.BOUNCY_CASTLE);
        assertSignsTokensOthersVerify(providers, SigningAlgorithm.ES256, SignatureProviders.BOUNCY_CASTLE);
        assertSignsTokensOthersVerify(providers, SigningAlgorithm.EDDSA, SignatureProviders.BOUNCY_CASTLE);
    }

    /**
     * Keys are the provider's own, a token it signs verifies with the JDK's default providers (what a stock resource
     * server uses), and it verifies its own tokens but not a tampered one.
     */
    private static void assertSignsTokensOthersVerify(SignatureProviders providers, SigningAlgorithm algorithm,
                                                      String provider) throws Exception {
        KeyPair pair = algorithm.generate();
        PrivateKey privateKey = providers.privateKey(algorithm, pair.getPrivate().getEncoded());
        PublicKey publicKey = providers.publicKey(algorithm, pair.getPublic());
        String keyPackage = provider.equals(AWS_LC) ? "com.amazon.corretto.crypto.provider." : "org.bouncycastle.";
        assertThat(privateKey.getClass().getName()).startsWith(keyPackage);
        assertThat(publicKey.getClass().getName()).startsWith(keyPackage);

        JwtClaims claims = new JwtClaims();
        claims.setSubject("member-1");
        claims.setExpirationTimeMinutesInTheFuture(5);
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setProviderContext(providers.context(algorithm));
        jws.setKey(privateKey);
        jws.setAlgorithmHeaderValue(algorithm.jose());
        String token = jws.getCompactSerialization();

        assertThat(new JwtConsumerBuilder().setVerificationKey(pair.getPublic()).setRequireSubject().build()
                .processToClaims(token).getSubject()).isEqualTo("member-1");
        assertThat(new JwtConsumerBuilder().setVerificationKey(publicKey).setJwsProviderContext(providers.context(algorithm))
                .build().processToClaims(token).getSubject()).isEqualTo("member-1");
        String[] parts = token.split("\\.");
        String tampered = parts[0] + "." + parts[1].substring(0, parts[1].length() - 2) + "AA." + parts[2];
        assertThatThrownBy(() -> new JwtConsumerBuilder().setVerificationKey(publicKey)
                .setJwsProviderContext(providers.context(algorithm)).build().process(tampered))
                .isInstanceOf(InvalidJwtException.class);
    }
}
