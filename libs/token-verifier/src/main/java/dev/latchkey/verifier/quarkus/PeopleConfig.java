package dev.latchkey.verifier.quarkus;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.util.Optional;

/**
 * {@code latchkey.oidc.*}: people's bearer tokens from the upstream OpenID Connect provider (module README,
 * "People's upstream tokens"). {@link UpstreamOidcConfigSource} turns these into the quarkus-oidc default tenant.
 */
@ConfigMapping(prefix = "latchkey.oidc")
public interface PeopleConfig {

    /**
     * The provider's issuer ({@code LATCHKEY_OIDC_ISSUER}), e.g. {@code http://localhost:8180/realms/latchkey}; its
     * discovery document and JWKS are found from it. Unset = people's upstream tokens are not accepted.
     */
    Optional<String> issuer();

    /** Accepted {@code aud} of people's access tokens. */
    @WithDefault("latchkey")
    String audience();

    /** Claim naming the tenant (service ID). */
    @WithDefault("latchkey_tenant")
    String tenantClaim();

    /** Claim matched against the member's {@code userName} in that tenant. */
    @WithDefault("email")
    String userNameClaim();
}
