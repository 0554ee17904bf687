package dev.apilab.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.apilab.support.Reply;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Log-in, listing, token info and log-out of devices. */
abstract class TokensContract extends AccountApiTest {
    @Test
    void listingsAreOldestFirstAndPageWithLimitAndOffset() {
        String name = uniqueName("Pages");
        String first = signUp(name);
        for (int i = 1; i <= 4; i++) {
            logIn(name, "Device " + i);
        }
        JsonNode page = http().get("/users/" + name + "/tokens?limit=2&offset=1", bearer(first)).json();
        assertThat(page.get("count").asInt()).isEqualTo(2);
        assertThat(page.get("limit").asInt()).isEqualTo(2);
        assertThat(page.get("offset").asInt()).isEqualTo(1);
        assertThat(page.get("total_count").asInt()).isEqualTo(5);
        assertThat(devices(page)).containsExactly("Device 1", "Device 2");
        JsonNode beyond = http().get("/users/" + name + "/tokens?offset=50", bearer(first)).json();
        assertThat(beyond.get("count").asInt()).isZero();
        assertThat(beyond.get("total_count").asInt()).isEqualTo(5);
        JsonNode all = http().get("/users/" + name + "/tokens?limit=100", bearer(first)).json();
        assertThat(devices(all)).containsExactly("Arne's PC", "Device 1", "Device 2", "Device 3", "Device 4");
        assertThat(all.get("tokens").get(0).get("current").asBoolean()).isTrue();
        assertThat(all.get("tokens").get(1).get("current").asBoolean()).isFalse();
        assertThat(all.get("tokens").get(0).get("last_used").isNumber()).isTrue();
        assertThat(all.get("tokens").get(1).get("last_used").isNull()).as("a token never used").isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"limit=0", "limit=101", "limit=-1", "limit=abc", "limit=1.5", "limit=", "offset=-1", "offset=x",
        "offset=99999999999"})
    void badLimitsAndOffsetsAre400sNamingTheParameter(String query) {
        String name = uniqueName("Limits");
        String token = signUp(name);
        Reply reply = http().get("/users/" + name + "/tokens?" + query, bearer(token));
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.error()).startsWith("'" + query.substring(0, query.indexOf('=')) + "' must be a whole number from");
    }

    @Test
    void aLimitGivenTwiceIsA400SayingSo() {
        String name = uniqueName("Twice");
        String token = signUp(name);
        Reply reply = http().get("/users/" + name + "/tokens?limit=1&limit=2", bearer(token));
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.error()).isEqualTo("'limit' is given 2 times; give it once");
    }

    @Test
    void tokenInfoAcceptsThePublicIdOrTheWholeToken() {
        String name = uniqueName("Info");
        String token = signUp(name);
        String id = token.substring(0, token.indexOf('.'));
        JsonNode byId = http().get("/users/" + name + "/tokens/" + id, bearer(token)).json();
        JsonNode byToken = http().get("/users/" + name + "/tokens/" + token, bearer(token)).json();
        assertThat(byId.get("token").asText()).isEqualTo(id);
        assertThat(byId.get("id").asText()).isEqualTo(id);
        assertThat(byToken.get("id").asText()).isEqualTo(id);
        assertThat(byId.get("last_used").isNumber()).isTrue();
        assertThat(byId.has("created")).isTrue();
    }

    @Test
    void anUnknownIdOrAWholeTokenWithAWrongSecretIsA404() {
        String name = uniqueName("Unknown");
        String token = signUp(name);
        String id = token.substring(0, token.indexOf('.'));
        for (String path : List.of("AAAAAAAAAAAAAAAA", "not-a-token", id + "." + "B".repeat(43))) {
            Reply reply = http().get("/users/" + name + "/tokens/" + path, bearer(token));
            assertThat(reply.status()).as(path).isEqualTo(404);
            assertThat(reply.error()).isEqualTo("Access token not found");
            assertThat(http().delete("/users/" + name + "/tokens/" + path, bearer(token)).status()).isEqualTo(404);
        }
        assertThat(http().get("/users/" + name + "/profile", bearer(token)).status()).isEqualTo(200);
    }

    @Test
    void anotherUsersTokenIdCannotBeSeenOrDeleted() {
        String alice = uniqueName("Alice");
        String aliceToken = signUp(alice);
        String bob = uniqueName("Bob");
        String bobToken = signUp(bob);
        String bobId = bobToken.substring(0, bobToken.indexOf('.'));
        assertThat(http().get("/users/" + alice + "/tokens/" + bobId, bearer(aliceToken)).status()).isEqualTo(404);
        assertThat(http().delete("/users/" + alice + "/tokens/" + bobId, bearer(aliceToken)).status()).isEqualTo(404);
        assertThat(http().get("/users/" + bob + "/profile", bearer(bobToken)).status()).isEqualTo(200);
    }

    @Test
    void lastUsedIsRecordedOnUseButNotRewrittenOnEveryRequest() {
        String name = uniqueName("LastUsed");
        String token = signUp(name);
        String id = token.substring(0, token.indexOf('.'));
        http().get("/users/" + name + "/profile", bearer(token));
        String firstUse = server().database().allValues("SELECT last_used_at FROM access_tokens WHERE public_id = ?", id).get(0);
        assertThat(firstUse).isNotEqualTo("null");
        for (int i = 0; i < 5; i++) {
            http().get("/users/" + name + "/profile", bearer(token));
        }
        assertThat(server().database().allValues("SELECT last_used_at FROM access_tokens WHERE public_id = ?", id))
                .containsExactly(firstUse);
    }

    @Test
    void logInWithoutADeviceNameIsUnknownDevice() {
        String name = uniqueName("NoDevice");
        signUp(name);
        Reply reply = http().post("/users/" + name + "/tokens", Map.of("password", PASSWORD));
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().get("device_name").asText()).isEqualTo("Unknown device");
    }

    @Test
    void logInTakesTheUsernameInAnyCaseAndAnswersWithTheRegisteredSpelling() {
        String name = uniqueName("MiXeD");
        signUp(name);
        Reply reply = http().post("/users/" + name.toLowerCase() + "/tokens", Map.of("username", name.toUpperCase(), "password", PASSWORD));
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().get("username").asText()).isEqualTo(name);
    }

    @Test
    void logInWithAUsernameInTheBodyOtherThanThePathsIsA400() {
        String name = uniqueName("Mismatch");
        signUp(name);
        Reply reply = http().post("/users/" + name + "/tokens", Map.of("username", "someone-else", "password", PASSWORD));
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.error()).startsWith("'username' must be the username in the path");
    }

    private static List<String> devices(JsonNode listing) {
        List<String> names = new ArrayList<>();
        listing.get("tokens").forEach(t -> names.add(t.get("device_name").asText()));
        return names;
    }
}
