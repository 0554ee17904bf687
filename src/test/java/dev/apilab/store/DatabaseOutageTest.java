package dev.apilab.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.apilab.support.Http;
import dev.apilab.support.Reply;
import dev.apilab.support.RunningServer;
import dev.apilab.support.TcpProxy;
import dev.apilab.support.TestDatabase;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The database goes away while apilab runs (every connection cut, new ones refused, as in a
 * restart): requests get 503 JSON meanwhile, and full service returns without restarting apilab.
 */
class DatabaseOutageTest {
    @RegisterExtension
    static final RunningServer server = RunningServer.on(TestDatabase.Kind.POSTGRESQL, "DATABASE_POOL_SIZE", "4");

    private static TcpProxy proxy;

    @BeforeAll
    static void throughAProxy() throws Exception {
        URI direct = URI.create(server.database().url().substring("jdbc:".length()));
        proxy = new TcpProxy(direct.getHost(), direct.getPort());
        server.stop();
        server.start(server.database().url().replace(":" + direct.getPort() + "/", ":" + proxy.port() + "/"));
    }

    @AfterAll
    static void closeProxy() throws Exception {
        server.stop();
        proxy.close();
    }

    @Test
    void duringAnOutageRequestsGet503AndAfterItEverythingWorksAgain() throws Exception {
        Http http = server.http();
        Reply created = http.post("/users", Map.of("username", "Patient", "password", "password123", "age", 40, "email", "p@example.com"));
        String token = created.json().at("/access_token/token").asText();
        assertThat(http.get("/users/Patient/profile", Http.bearer(token)).status()).isEqualTo(200);

        proxy.stop();
        Reply during = http.get("/users/Patient/profile", Http.bearer(token));
        assertThat(during.status()).isEqualTo(503);
        assertThat(during.error()).isEqualTo("The database is unavailable; try again shortly");
        assertThat(during.header("Retry-After")).isNotNull();
        assertThat(http.get("/healthz").status()).isEqualTo(503);
        assertThat(http.get("/joke").status()).isEqualTo(200);

        proxy.start();
        Reply after = waitForStatus(http, "/users/Patient/profile", token, 200);
        assertThat(after.json().get("username").asText()).isEqualTo("Patient");
        assertThat(http.get("/healthz").status()).isEqualTo(200);
        assertThat(http.post("/users/Patient/grades", Map.of("math", 5), Http.bearer(token)).status()).isEqualTo(200);
    }

    private static Reply waitForStatus(Http http, String path, String token, int status) throws InterruptedException {
        Reply reply = null;
        for (int i = 0; i < 50; i++) {
            reply = http.get(path, Http.bearer(token));
            if (reply.status() == status) {
                return reply;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("still " + reply + " after 10 s");
    }
}
