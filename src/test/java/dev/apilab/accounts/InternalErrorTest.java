package dev.apilab.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.apilab.support.LogCapture;
import dev.apilab.support.Reply;
import dev.apilab.support.RunningServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A real fault (a table gone under the server) gives a 500 that reveals nothing and can be found in the log. */
class InternalErrorTest {
    @RegisterExtension
    static final RunningServer server = RunningServer.withSettings();

    @Test
    void aFailureAnswers500WithARequestIdThatIsAlsoInTheLogAndNoInternals() {
        Reply signUp = server.http().post("/users", AccountApiTest.signUpBody("Broken"));
        String token = signUp.json().at("/access_token/token").asText();
        server.database().execute("DROP TABLE grades");
        try (LogCapture logs = new LogCapture()) {
            Reply reply = server.http().get("/users/Broken/grades", AccountApiTest.bearer(token));
            assertThat(reply.status()).isEqualTo(500);
            assertThat(reply.error()).isEqualTo("Internal server error");
            String requestId = reply.json().get("request_id").asText();
            assertThat(requestId).isEqualTo(reply.header("X-Request-Id"));
            assertThat(reply.body()).doesNotContain("grades").doesNotContain("SQL").doesNotContain("Exception");
            assertThat(logs.awaitLineContaining("request " + requestId + " failed")).contains("SQL");
        }
    }
}
