package dev.latchkey.directory.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.util.List;

/**
 * {@code latchkey.directory.jit.*}: just-in-time provisioning of people who arrive with a valid upstream token and
 * no member yet. The tenant and userName claims are the verifier's ({@code latchkey.oidc.tenant-claim},
 * {@code latchkey.oidc.user-name-claim}): every service must match people by the same claims.
 */
@ConfigMapping(prefix = "latchkey.directory.jit")
public interface JitConfig {

    /** Off = an unknown person is refused here too (401, not provisioned) until SCIM or an admin creates them. */
    @WithDefault("true")
    boolean enabled();

    /** Claim carrying the person's Latchkey role at their provider. */
    @WithDefault("latchkey_role")
    String roleClaim();

    /** Values of the role claim that make a new member {@code global_admin}; anything else (or none) is {@code member}. */
    @WithDefault("global_admin")
    List<String> adminValues();
}
