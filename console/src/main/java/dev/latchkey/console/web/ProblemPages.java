package dev.latchkey.console.web;

import dev.latchkey.console.api.ApiProblem;
import io.quarkus.qute.Template;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * An API's problem detail, shown as a page: its title, detail and field errors, and the way back. The limit of
 * OAuth applications and a member's blocking tokens get their own explanation (see the pages).
 */
public class ProblemPages {
    @Inject
    Template problem;
    @Inject
    Pages pages;

    @ServerExceptionMapper
    public Response show(ApiProblem e, HttpHeaders headers) {
        String referer = headers.getHeaderString("Referer");
        String back = referer != null && referer.contains("/console/") ? referer.substring(referer.indexOf("/console/"))
                : "/console/integration";
        return Response.status(e.status()).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                .header("Cache-Control", "no-store")
                .entity(pages.page(problem, "").data("problem", e).data("back", back)
                        .data("appLimit", e.is("oauth-application-limit")).render())
                .build();
    }
}
