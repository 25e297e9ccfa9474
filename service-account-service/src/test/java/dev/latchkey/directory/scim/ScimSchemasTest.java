package dev.latchkey.directory.scim;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The conformance schemas themselves: they accept the RFC's examples and reject what the RFC forbids. */
class ScimSchemasTest {

    @Test
    void shouldAcceptTheMinimalUserOfRfc7643() {
        ScimSchemas.assertValid(ScimSchemas.USER, """
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"id":"2819c223-7f76-453a-919d-413861904646",
                 "userName":"bjensen@example.com",
                 "meta":{"resourceType":"User","created":"2010-01-23T04:56:22Z","lastModified":"2011-05-13T04:42:34Z",
                         "version":"W/\\"3694e05e9dff590\\"",
                         "location":"https://example.com/v2/scim/v2/Users/2819c223-7f76-453a-919d-413861904646"}}""");
    }

    @Test
    void shouldRejectAUserWithoutUserNameOrWithAPasswordOrWithoutItsSchemaUrn() {
        String base = """
                {"schemas":[%s],"id":"1",%s
                 "meta":{"resourceType":"User","created":"2010-01-23T04:56:22Z","lastModified":"2011-05-13T04:42:34Z",
                         "location":"https://example.com/scim/v2/Users/1"}}""";
        assertThat(ScimSchemas.errors(ScimSchemas.USER, ScimSchemas.parse(base.formatted(
                "\"urn:ietf:params:scim:schemas:core:2.0:User\"", "")))).isNotEmpty();
        assertThat(ScimSchemas.errors(ScimSchemas.USER, ScimSchemas.parse(base.formatted(
                "\"urn:ietf:params:scim:schemas:core:2.0:User\"", "\"userName\":\"a\",\"password\":\"x\",")))).isNotEmpty();
        assertThat(ScimSchemas.errors(ScimSchemas.USER, ScimSchemas.parse(base.formatted(
                "\"urn:ietf:params:scim:schemas:core:2.0:Group\"", "\"userName\":\"a\",")))).isNotEmpty();
        assertThat(ScimSchemas.errors(ScimSchemas.USER, ScimSchemas.parse(base.formatted(
                "\"urn:ietf:params:scim:schemas:core:2.0:User\"", "\"userName\":\"a\",\"active\":\"False\",")))).isNotEmpty();
    }

    @Test
    void shouldRejectAnErrorWhoseStatusIsANumberOrWhoseScimTypeIsUnknown() {
        assertThat(ScimSchemas.errors(ScimSchemas.ERROR, ScimSchemas.parse("""
                {"schemas":["urn:ietf:params:scim:api:messages:2.0:Error"],"status":404}"""))).isNotEmpty();
        assertThat(ScimSchemas.errors(ScimSchemas.ERROR, ScimSchemas.parse("""
                {"schemas":["urn:ietf:params:scim:api:messages:2.0:Error"],"status":"409","scimType":"duplicate"}""")))
                .isNotEmpty();
        ScimSchemas.assertValid(ScimSchemas.ERROR, """
                {"schemas":["urn:ietf:params:scim:api:messages:2.0:Error"],"status":"409","scimType":"uniqueness",
                 "detail":"taken"}""");
    }

    @Test
    void shouldRejectAListWithoutTotalResultsOrWithAZeroStartIndex() {
        assertThat(ScimSchemas.errors(ScimSchemas.LIST, ScimSchemas.parse("""
                {"schemas":["urn:ietf:params:scim:api:messages:2.0:ListResponse"],"startIndex":1,"itemsPerPage":0,
                 "Resources":[]}"""))).isNotEmpty();
        assertThat(ScimSchemas.errors(ScimSchemas.LIST, ScimSchemas.parse("""
                {"schemas":["urn:ietf:params:scim:api:messages:2.0:ListResponse"],"totalResults":0,"startIndex":0,
                 "itemsPerPage":0,"Resources":[]}"""))).isNotEmpty();
    }

    @Test
    void shouldRejectAGroupMemberWithoutValue() {
        assertThat(ScimSchemas.errors(ScimSchemas.GROUP, ScimSchemas.parse("""
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"],"id":"g","displayName":"Ops",
                 "members":[{"display":"Jane"}],
                 "meta":{"resourceType":"Group","created":"2010-01-23T04:56:22Z","lastModified":"2011-05-13T04:42:34Z",
                         "location":"https://example.com/scim/v2/Groups/g"}}"""))).isNotEmpty();
    }
}
