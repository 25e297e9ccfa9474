package dev.latchkey.token;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.latchkey.testsupport.Ports;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

/**
 * A real SMTP server (GreenMail) in the test JVM, and token-service's email notifications switched on and pointed
 * at it: the sender looks every second and retries a failed send after a second.
 */
public class GreenMailResource implements QuarkusTestResourceLifecycleManager {
    private GreenMail smtp;

    @Override
    public Map<String, String> start() {
        smtp = startOnAFreePort();
        return Map.of(
                "latchkey.token.notifications.email.enabled", "true",
                "latchkey.token.notifications.email.every", "1s",
                "latchkey.token.notifications.email.max-backoff", "1s",
                "latchkey.token.notifications.email.token-url", "https://console.example.com/tokens/{id}",
                "quarkus.mailer.mock", "false",
                "quarkus.mailer.host", "127.0.0.1",
                "quarkus.mailer.port", String.valueOf(smtp.getSmtp().getPort()),
                "quarkus.mailer.from", "latchkey@example.com");
    }

    /** A port found free can be taken before GreenMail binds it: then another one is tried. */
    private static GreenMail startOnAFreePort() {
        IllegalStateException last = null;
        for (int attempt = 0; attempt < 3; attempt++) {
            GreenMail server = new GreenMail(new ServerSetup(Ports.free(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
            try {
                server.start();
                return server;
            } catch (IllegalStateException e) {
                server.stop();
                last = e;
            }
        }
        throw last;
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(smtp, new TestInjector.MatchesType(GreenMail.class));
    }

    @Override
    public void stop() {
        if (smtp != null) {
            smtp.stop();
        }
    }
}
