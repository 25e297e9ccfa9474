package dev.latchkey.console.web;

import dev.latchkey.console.api.ApiProblem;
import dev.latchkey.console.api.ConsoleConfig;
import dev.latchkey.console.api.PersonApi;
import dev.latchkey.console.api.Upstream;
import dev.latchkey.console.security.CsrfToken;
import io.quarkus.oidc.IdToken;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.util.Map;

/** What every page of the layout needs: the person (profile menu, which tabs), the CSRF token, the notices. */
@RequestScoped
public class Pages {
    private final PersonApi api;
    @Inject
    @IdToken
    JsonWebToken idToken;
    private final CsrfToken csrf;
    private final ConsoleConfig config;
    private Profile profile;

    public Pages(PersonApi api, CsrfToken csrf, ConsoleConfig config) {
        this.api = api;
        this.csrf = csrf;
        this.config = config;
    }

    /** The person, asked once per request of service-account-service (which provisions them on first sight). */
    public Profile profile() {
        if (profile == null) {
            String name = claim("name", claim("preferred_username", idToken.getName()));
            String email = claim("email", null);
            String tenant = claim(config.tenantClaim(), null);
            Map<String, Object> me;
            try {
                me = api.get(Upstream.DIRECTORY, "/api/v1/members/me").object();
            } catch (ApiProblem e) {
                // not known (yet) to the directory: the pages show the API's own answer where it matters
                me = Map.of();
            }
            String display = me.get("displayName") instanceof String d && !d.isBlank() ? d : name;
            profile = new Profile(str(me.get("id")), display, email != null ? email : str(me.get("email")),
                    me.get("role") instanceof String r ? r : claim(config.roleClaim(), "member"),
                    me.get("tenant") instanceof String t ? t : tenant);
        }
        return profile;
    }

    /** {@code template} with the layout's data; {@code nav} names the active tab. */
    public TemplateInstance page(Template template, String nav) {
        return template.data("profile", profile()).data("nav", nav).data("csrf", csrf.value());
    }

    /** Refuses pages only global admins see, the way the API would (403 problem). */
    public void requireGlobalAdmin() {
        if (!profile().globalAdmin()) {
            throw new ApiProblem(403, "about:blank", "Global admins only",
                    "this page is for your tenant's global admins; your role is " + profile().roleLabel().toLowerCase(), null);
        }
    }

    private String claim(String name, String fallback) {
        Object v = idToken.getClaim(name);
        return v == null || v.toString().isBlank() ? fallback : v.toString().replaceAll("^\"|\"$", "");
    }

    private static String str(Object o) {
        return o == null ? null : o.toString();
    }
}
