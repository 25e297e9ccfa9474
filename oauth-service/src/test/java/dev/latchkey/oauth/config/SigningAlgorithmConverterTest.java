package dev.latchkey.oauth.config;

import dev.latchkey.oauth.crypto.SigningAlgorithm;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SigningAlgorithmConverterTest {
    private static SmallRyeConfig config(String algorithm) {
        Map<String, String> properties = new HashMap<>(Map.of("latchkey.oauth.issuer", "https://latchkey.test",
                "latchkey.oauth.secret-pepper", "p", "latchkey.oauth.key-encryption-key", "k"));
        if (algorithm != null) {
            properties.put("latchkey.oauth.keys.algorithm", algorithm);
        }
        // Quarkus' Duration converter: "30D" is not ISO-8601
        return new SmallRyeConfigBuilder().withMapping(OAuthConfig.class)
                .withConverter(Duration.class, 200, new DurationConverter())
                .withSources(new PropertiesConfigSource(properties, "test", 100)).build();
    }

    @Test
    void shouldDefaultToEs256AndAcceptEdDsa() {
        assertThat(config(null).getConfigMapping(OAuthConfig.class).keys().algorithm()).isEqualTo(SigningAlgorithm.ES256);
        assertThat(config("EdDSA").getConfigMapping(OAuthConfig.class).keys().algorithm()).isEqualTo(SigningAlgorithm.EDDSA);
        assertThat(config(" ES256 ").getConfigMapping(OAuthConfig.class).keys().algorithm()).isEqualTo(SigningAlgorithm.ES256);
    }

    @Test
    void shouldRefuseAnyOtherAlgorithmWhenTheConfigurationIsBuiltSoStartUpFails() {
        for (String bad : new String[]{"RS256", "PS256", "HS256", "none", "eddsa", "Ed25519"}) {
            assertThatThrownBy(() -> config(bad)).as(bad)
                    .hasMessageContaining("latchkey.oauth.keys.algorithm")
                    .hasMessageNotContaining("latchkey.oauth.keys.rotation-period")
                    .hasStackTraceContaining("is not a signing algorithm oauth-service supports; use ES256 or EdDSA");
        }
    }
}
