package dev.apilab.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.apilab.support.Http;
import dev.apilab.support.Reply;
import dev.apilab.support.RunningServer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** What every account test needs: the server of the concrete class (SQLite or PostgreSQL) and sign-up helpers. */
abstract class AccountApiTest {
    static final String PASSWORD = "password123";
    private static final AtomicInteger NAMES = new AtomicInteger();

    abstract RunningServer server();

    Http http() {
        return server().http();
    }

    /** A username no other test uses, so tests can share one database. */
    static String uniqueName(String stem) {
        return stem + "." + NAMES.incrementAndGet() + "." + Long.toString(System.nanoTime() % 100_000, 36);
    }

    static Map<String, Object> signUpBody(String username) {
        return Map.of("username", username, "password", PASSWORD, "age", 29, "email", "arne@example.com",
                "device_name", "Arne's PC", "roles", List.of("teacher", "student"));
    }

    /** Signs a new user up and returns its first bearer token. */
    String signUp(String username) {
        Reply reply = http().post("/users", signUpBody(username));
        assertThat(reply.status()).as("sign-up of %s: %s", username, reply).isEqualTo(200);
        return reply.json().at("/access_token/token").asText();
    }

    String logIn(String username, String device) {
        Reply reply = http().post("/users/" + username + "/tokens",
                Map.of("username", username, "password", PASSWORD, "device_name", device));
        assertThat(reply.status()).as("log-in of %s: %s", username, reply).isEqualTo(200);
        return reply.json().get("token").asText();
    }

    static String[] bearer(String token) {
        return Http.bearer(token);
    }
}
