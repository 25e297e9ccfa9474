package dev.latchkey.token;

import dev.latchkey.testsupport.PlatformEndpointsContract;
import dev.latchkey.testsupport.PostgresAndKafkaResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@WithTestResource(value = PostgresAndKafkaResource.class, initArgs = @ResourceArg(name = "database", value = "token_db"))
class PlatformEndpointsTest extends PlatformEndpointsContract {
}
