package dev.latchkey.problem;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

@QuarkusTest
class ProblemMappersTest {

    @Path("/things")
    @Produces(MediaType.APPLICATION_JSON)
    @Consumes(MediaType.APPLICATION_JSON)
    public static class ThingResource {
        public record Thing(@NotBlank @Size(max = 5) String name, int count) {
        }

        @POST
        public Thing create(@Valid Thing thing) {
            return thing;
        }

        @GET
        @Path("/missing")
        public Thing missing() {
            throw ProblemException.notFound("thing", "42");
        }

        @GET
        @Path("/boom")
        public Thing boom() {
            throw new IllegalStateException("secret-looking internal detail lkt_abc");
        }
    }

    @Test
    void shouldListEachInvalidFieldWithItsMessage() {
        given().contentType("application/json").body("{\"name\":\"too long name\",\"count\":1}")
                .post("/things")
                .then().statusCode(400).contentType(Problem.MEDIA_TYPE)
                .body("status", equalTo(400))
                .body("type", equalTo("https://latchkey.dev/problems/validation"))
                .body("errors[0].field", equalTo("name"))
                .body("errors[0].message", containsString("size"));
    }

    @Test
    void shouldAnswerMalformedJsonWith400() {
        given().contentType("application/json").body("{\"name\": ")
                .post("/things")
                .then().statusCode(400).contentType(Problem.MEDIA_TYPE)
                .body("detail", containsString("not valid JSON"));
    }

    @Test
    void shouldNameAnUnknownField() {
        given().contentType("application/json").body("{\"name\":\"a\",\"count\":1,\"admin\":true}")
                .post("/things")
                .then().statusCode(400).contentType(Problem.MEDIA_TYPE)
                .body("errors[0].field", equalTo("admin"))
                .body("errors[0].message", equalTo("unknown field"));
    }

    @Test
    void shouldNameAFieldOfTheWrongType() {
        given().contentType("application/json").body("{\"name\":\"a\",\"count\":\"many\"}")
                .post("/things")
                .then().statusCode(400).contentType(Problem.MEDIA_TYPE)
                .body("errors[0].field", equalTo("count"));
    }

    @Test
    void shouldRefuseAnOversizedBodyWith413() {
        given().contentType("application/json").body("{\"name\":\"" + "x".repeat(4096) + "\"}")
                .post("/things")
                .then().statusCode(413).contentType(Problem.MEDIA_TYPE)
                .body("status", equalTo(413));
    }

    @Test
    void shouldAnswerAWrongContentTypeWith415() {
        given().contentType("text/plain").body("hello").post("/things")
                .then().statusCode(415).contentType(Problem.MEDIA_TYPE);
    }

    @Test
    void shouldAnswerNotFoundAsProblem() {
        given().get("/things/missing").then().statusCode(404).contentType(Problem.MEDIA_TYPE)
                .body("detail", equalTo("thing 42 does not exist"));
        given().get("/nothing-here").then().statusCode(404);
    }

    @Test
    void shouldHideTheCauseOfAnUnexpectedError() {
        given().get("/things/boom").then().statusCode(500).contentType(Problem.MEDIA_TYPE)
                .body(not(containsString("lkt_abc")))
                .body(not(containsString("IllegalStateException")))
                .body("detail", containsString("incident"));
    }
}
