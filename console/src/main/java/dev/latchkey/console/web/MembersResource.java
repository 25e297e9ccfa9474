package dev.latchkey.console.web;

import dev.latchkey.console.api.ApiProblem;
import dev.latchkey.console.api.ApiResponse;
import dev.latchkey.console.api.PersonApi;
import dev.latchkey.console.api.Upstream;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Members: the Users and Service Accounts tabs (service-account-service). */
@Path("/members")
@Produces(MediaType.TEXT_HTML)
public class MembersResource {
    private static final Set<String> ACTIONS = Set.of("disable", "enable");

    private final PersonApi api;
    private final Pages pages;
    private final Template members;
    private final Template memberBlocked;

    public MembersResource(PersonApi api, Pages pages, Template members, Template memberBlocked) {
        this.api = api;
        this.pages = pages;
        this.members = members;
        this.memberBlocked = memberBlocked;
    }

    @GET
    public TemplateInstance list(@RestQuery String tab, @RestQuery String cursor, @RestQuery String notice) {
        pages.profile(); // first: a person seen for the first time is provisioned by it
        boolean accounts = "service-accounts".equals(tab);
        ApiResponse page = api.get(Upstream.DIRECTORY, (accounts ? "/api/v1/service-accounts" : "/api/v1/members")
                + PersonApi.query(Map.of("limit", "50", "cursor", cursor == null ? "" : cursor)));
        return pages.page(members, "members")
                .data("tab", accounts ? "service-accounts" : "users")
                .data("items", page.items())
                .data("next", page.nextCursor())
                .data("notice", Notices.text(notice));
    }

    @POST
    @Path("/service-accounts")
    public Response addServiceAccount(@RestForm String name, @RestForm String description) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        if (description != null && !description.isBlank()) {
            body.put("description", description);
        }
        api.post(Upstream.DIRECTORY, "/api/v1/service-accounts", body);
        return back("service-accounts", "created");
    }

    @POST
    @Path("/service-accounts/{id}/{action}")
    public Response serviceAccount(@RestPath String id, @RestPath String action) {
        String path = "/api/v1/service-accounts/" + PersonApi.segment(id);
        if ("delete".equals(action)) {
            api.delete(Upstream.DIRECTORY, path);
            return back("service-accounts", "deleted");
        }
        api.post(Upstream.DIRECTORY, path + "/" + known(action), null);
        return back("service-accounts", action + "d");
    }

    @POST
    @Path("/users/{id}/{action}")
    public Response user(@RestPath String id, @RestPath String action) {
        api.post(Upstream.DIRECTORY, "/api/v1/members/" + PersonApi.segment(id) + "/" + known(action), null);
        return back("users", action + "d");
    }

    /** Removes a member; when live tokens block it, says which (the admin inventory) and what to do. */
    @POST
    @Path("/users/{id}/delete")
    public Object remove(@RestPath String id) {
        try {
            api.delete(Upstream.DIRECTORY, "/api/v1/members/" + PersonApi.segment(id));
            return back("users", "removed");
        } catch (ApiProblem e) {
            if (e.status() != 409) {
                throw e;
            }
            Map<String, Object> member = api.get(Upstream.DIRECTORY, "/api/v1/members/" + PersonApi.segment(id)).object();
            List<Map<String, Object>> tokens = List.of();
            try {
                tokens = api.get(Upstream.TOKEN, "/api/v1/admin/tokens" + PersonApi.query(Map.of("ownerType", "member",
                        "ownerId", id, "status", "active", "limit", "200"))).items();
            } catch (ApiProblem notAdmin) {
                // the inventory needs admin; the directory's own explanation is shown anyway
            }
            return Response.status(409).entity(pages.page(memberBlocked, "members").data("problem", e)
                    .data("member", member).data("tokens", tokens)).build();
        }
    }

    private static String known(String action) {
        if (!ACTIONS.contains(action)) {
            throw new ApiProblem(404, "about:blank", "Not found", "no such action: " + action, null);
        }
        return action;
    }

    private static Response back(String tab, String notice) {
        return Response.seeOther(URI.create("/members?tab=" + tab + "&notice=" + notice)).build();
    }
}
