package dev.latchkey.oauth;

import dev.latchkey.testsupport.PlatformEndpointsContract;
import dev.latchkey.testsupport.PostgresAndKafkaResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@WithTestResource(value = PostgresAndKafkaResource.class, initArgs = @ResourceArg(name = "database", value = "oauth_db"))
class PlatformEndpointsTest extends PlatformEndpointsContract {
}
