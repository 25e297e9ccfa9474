package dev.latchkey.verifier.quarkus;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.PropertiesConfigSource;
import org.eclipse.microprofile.config.spi.ConfigSource;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * Configures quarkus-oidc's default tenant from {@code latchkey.oidc.*}, so every service accepts people's bearer
 * tokens the same way without copying quarkus-oidc settings: an application-type {@code service} tenant (bearer
 * tokens only) at {@code latchkey.oidc.issuer}, expecting {@code latchkey.oidc.audience}, and switched off
 * ({@code quarkus.oidc.tenant-enabled=false}) while no issuer is configured — quarkus-oidc refuses to start
 * without a server URL otherwise. Its ordinal is below {@code application.properties} (250): a service can still
 * override any of these keys. Applications without quarkus-oidc get nothing from it.
 */
public class UpstreamOidcConfigSource implements ConfigSourceFactory {
    static final String NAME = "latchkey-upstream-oidc";
    private static final int ORDINAL = 200;

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        if (!quarkusOidcPresent()) {
            return List.of();
        }
        String issuer = value(context, "latchkey.oidc.issuer");
        String audience = value(context, "latchkey.oidc.audience");
        Map<String, String> properties = new HashMap<>();
        properties.put("quarkus.oidc.application-type", "service");
        properties.put("quarkus.oidc.token.audience", audience == null ? "latchkey" : audience);
        if (issuer == null) {
            properties.put("quarkus.oidc.tenant-enabled", "false");
        } else {
            properties.put("quarkus.oidc.tenant-enabled", "true");
            properties.put("quarkus.oidc.auth-server-url", issuer);
        }
        return List.of(new PropertiesConfigSource(properties, NAME, ORDINAL));
    }

    @Override
    public OptionalInt getPriority() {
        return OptionalInt.of(ORDINAL);
    }

    private static String value(ConfigSourceContext context, String name) {
        ConfigValue v = context.getValue(name);
        return v == null || v.getValue() == null || v.getValue().isBlank() ? null : v.getValue().trim();
    }

    private static boolean quarkusOidcPresent() {
        try {
            Class.forName("io.quarkus.oidc.OidcTenantConfig", false, UpstreamOidcConfigSource.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }
}
