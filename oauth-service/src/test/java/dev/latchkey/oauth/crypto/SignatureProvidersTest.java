package dev.latchkey.oauth.crypto;

import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.PublicKey;
import java.security.Security;
import java.util.Base64;

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
     * The signer goes through the provider, with its header; its tokens verify with jose4j through the JDK's default
     * providers (what a stock resource server does) and through the provider's own public key, every time (a
     * thread's signature object is reused), and a tampered one does not.
     */
    private static void assertSignsTokensOthersVerify(SignatureProviders providers, SigningAlgorithm algorithm,
                                                      String provider) throws Exception {
        KeyPair pair = algorithm.generate();
        JwsSigner signer = providers.signer(algorithm, "kid-1", "at+jwt", pair.getPrivate().getEncoded());
        PublicKey publicKey = providers.publicKey(algorithm, pair.getPublic());
        assertThat(signer.provider()).isEqualTo(provider);
        String keyPackage = provider.equals(AWS_LC) ? "com.amazon.corretto.crypto.provider." : "org.bouncycastle.";
        assertThat(publicKey.getClass().getName()).startsWith(keyPackage);

        for (int i = 0; i < 3; i++) {
            JwtClaims claims = new JwtClaims();
            claims.setSubject("member-" + i);
            claims.setClaim("scope", "account:read \"quoted\" é");
            claims.setExpirationTimeMinutesInTheFuture(5);
            String token = signer.sign(claims.toJson().getBytes(StandardCharsets.UTF_8));

            String header = new String(Base64.getUrlDecoder().decode(token.substring(0, token.indexOf('.'))), StandardCharsets.UTF_8);
            assertThat(header).isEqualTo("{\"kid\":\"kid-1\",\"typ\":\"at+jwt\",\"alg\":\"" + algorithm.jose() + "\"}");
            JwtClaims verified = new JwtConsumerBuilder().setVerificationKey(pair.getPublic()).setRequireSubject()
                    .setExpectedType(true, "at+jwt").build().processToClaims(token);
            assertThat(verified.getSubject()).isEqualTo("member-" + i);
            assertThat(verified.getStringClaimValue("scope")).isEqualTo("account:read \"quoted\" é");
            assertThat(new JwtConsumerBuilder().setVerificationKey(publicKey).setJwsProviderContext(providers.context(algorithm))
                    .build().processToClaims(token).getSubject()).isEqualTo("member-" + i);
            String[] parts = token.split("\\.");
            String tampered = parts[0] + "." + parts[1].substring(0, parts[1].length() - 2) + "AA." + parts[2];
            assertThatThrownBy(() -> new JwtConsumerBuilder().setVerificationKey(pair.getPublic()).build().process(tampered))
                    .isInstanceOf(InvalidJwtException.class);
        }
    }
}
