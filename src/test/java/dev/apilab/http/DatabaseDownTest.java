package dev.apilab.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.apilab.support.Reply;
import dev.apilab.support.RunningServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** With the database gone, /healthz says so with the 503 that the contract describes. */
class DatabaseDownTest {
    @RegisterExtension
    static final RunningServer server = RunningServer.withSettings();

    @Test
    void healthzIsA503WhileTheDatabaseDoesNotAnswer() {
        assertThat(server.http().get("/healthz").status()).isEqualTo(200);
        server.app().database().close();
        Reply reply = server.http().get("/healthz");
        assertThat(reply.status()).isEqualTo(503);
        assertThat(reply.error()).isEqualTo("The database does not answer");
    }
}
