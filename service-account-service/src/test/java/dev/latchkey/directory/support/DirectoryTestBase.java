package dev.latchkey.directory.support;

import io.restassured.RestAssured;
import io.restassured.parsing.Parser;
import io.restassured.specification.RequestSpecification;

import java.util.UUID;

import static io.restassured.RestAssured.given;

/** Shared helpers of this service's API tests (credentials from {@link TestCredentials}). */
public abstract class DirectoryTestBase {
    public static final String SCIM = "application/scim+json";

    static {
        RestAssured.registerParser(SCIM, Parser.JSON);
    }

    protected static RequestSpecification as(String token) {
        return given().header("Authorization", TestCredentials.bearer(token)).contentType("application/json");
    }

    protected static RequestSpecification scim(String token) {
        return given().header("Authorization", TestCredentials.bearer(token)).contentType(SCIM);
    }

    protected static String unique(String prefix) {
        return prefix + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Provisions a member through SCIM and returns its id. */
    protected static String provisionMember(String scimToken, String userName) {
        return scim(scimToken).body("""
                        {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"%s",
                         "name":{"givenName":"Test","familyName":"Person"},
                         "emails":[{"value":"%s","type":"work","primary":true}],"active":true}"""
                        .formatted(userName, userName))
                .post("/scim/v2/Users").then().statusCode(201).extract().path("id");
    }
}
