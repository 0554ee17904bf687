package dev.apilab.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.apilab.support.Reply;
import dev.apilab.support.RunningServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class TokenExpiryTest extends AccountApiTest {
    @RegisterExtension
    static final RunningServer server = RunningServer.withSettings("TOKEN_TTL", "2s");

    @Override
    RunningServer server() {
        return server;
    }

    @Test
    void anExpiredTokenAnswersAccessTokenExpiredAndIsPurged() throws Exception {
        String name = uniqueName("Expiring");
        String token = signUp(name);
        String id = token.substring(0, token.indexOf('.'));
        assertThat(http().get("/users/" + name + "/profile", bearer(token)).status()).isEqualTo(200);
        Thread.sleep(2_300);
        Reply expired = http().get("/users/" + name + "/profile", bearer(token));
        assertThat(expired.status()).isEqualTo(401);
        assertThat(expired.error()).isEqualTo("Access token expired");
        assertThat(server.database().allValues("SELECT COUNT(*) FROM access_tokens WHERE public_id = ?", id)).containsExactly("0");
        assertThat(http().get("/users/" + name + "/profile", bearer(token)).error()).isEqualTo("Invalid access token");
    }

    @Test
    void expiredTokensAreNotListed() throws Exception {
        String name = uniqueName("Listed");
        signUp(name);
        Thread.sleep(2_300);
        String fresh = logIn(name, "Fresh");
        var listing = http().get("/users/" + name + "/tokens", bearer(fresh)).json();
        assertThat(listing.get("total_count").asInt()).isEqualTo(1);
        assertThat(listing.at("/tokens/0/device_name").asText()).isEqualTo("Fresh");
    }
}
