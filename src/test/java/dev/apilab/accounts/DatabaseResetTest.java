package dev.apilab.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.apilab.support.Reply;
import dev.apilab.support.RunningServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class DatabaseResetTest {
    @RegisterExtension
    static final RunningServer allowed = RunningServer.withSettings();

    @RegisterExtension
    static final RunningServer refused = RunningServer.withSettings("ALLOW_DATABASE_RESET", "false");

    @Test
    void clearingTheDatabaseRemovesEveryAccountAndTakesEffectAtOnce() {
        Reply signUp = allowed.http().post("/users", AccountApiTest.signUpBody("Cleared"));
        String token = signUp.json().at("/access_token/token").asText();
        Reply cleared = allowed.http().delete("/database");
        assertThat(cleared.status()).isEqualTo(200);
        assertThat(cleared.body()).isEqualTo("{\"message\":\"Database cleared\"}");
        assertThat(allowed.http().get("/users/Cleared/profile", AccountApiTest.bearer(token)).status()).isEqualTo(401);
        assertThat(allowed.http().post("/users", AccountApiTest.signUpBody("Cleared")).status()).isEqualTo(200);
    }

    @Test
    void whenResetIsDisabledItIsA403AndNothingIsDeleted() {
        refused.http().post("/users", AccountApiTest.signUpBody("Kept"));
        Reply reply = refused.http().delete("/database");
        assertThat(reply.status()).isEqualTo(403);
        assertThat(reply.error()).isEqualTo("Database reset is disabled");
        assertThat(refused.database().allValues("SELECT COUNT(*) FROM users")).containsExactly("1");
    }
}
