package dev.apilab.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.apilab.support.Reply;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The notebook's "Advanced: Access Tokens and Full Demo", cell by cell, with the answers it printed. */
abstract class NotebookFlowContract extends AccountApiTest {
    @Test
    void theNotebooksAccessTokenDemoRunsCellByCell() {
        String arne = uniqueName("Arne");

        // Creating a new user
        Reply created = http().post("/users", signUpBody(arne));
        assertThat(created.status()).isEqualTo(200);
        JsonNode body = created.json();
        assertThat(body.get("url").asText()).isEqualTo("/users/" + arne);
        assertThat(body.get("user").toString()).isEqualTo("{\"age\":29,\"email\":\"arne@example.com\",\"username\":\"" + arne + "\"}");
        JsonNode token = body.get("access_token");
        assertThat(token.get("device_name").asText()).isEqualTo("Arne's PC");
        assertThat(token.get("username").asText()).isEqualTo(arne);
        assertThat(token.get("expires").isNumber()).isTrue();
        assertThat(token.get("created").isNumber()).isTrue();
        assertThat(token.get("expires").asDouble()).isGreaterThan(token.get("created").asDouble());
        String first = token.get("token").asText();
        assertThat(first).hasSizeGreaterThanOrEqualTo(32);

        // Get user profile using the access token
        Reply anonymous = http().get("/users/" + arne + "/profile");
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.body()).isEqualTo("{\"error\":\"Missing access token\"}");
        Reply profile = http().get("/users/" + arne + "/profile", bearer(first));
        assertThat(profile.json().toString()).isEqualTo("{\"age\":29,\"email\":\"arne@example.com\",\"username\":\"" + arne + "\"}");

        // Adding and updating grades
        assertThat(http().post("/users/" + arne + "/grades", Map.of("math", 5, "english", 4), bearer(first)).json().toString())
                .isEqualTo("{\"english\":4,\"math\":5}");
        assertThat(http().post("/users/" + arne + "/grades", Map.of("math", 3, "english", 2), bearer(first)).json().toString())
                .isEqualTo("{\"english\":2,\"math\":3}");

        // Updating the profile through POST /users fails; PUT works
        Reply again = http().post("/users", Map.of("username", arne, "password", PASSWORD, "age", 30,
                "email", "arne@example.com", "device_name", "Arne's PC", "roles", List.of("teacher", "student")));
        assertThat(again.status()).isEqualTo(400);
        assertThat(again.body()).isEqualTo("{\"error\":\"User already exists\"}");
        Reply put = http().put("/users/" + arne + "/profile", Map.of("username", arne, "age", 30, "email", "arne@example.com"), bearer(first));
        assertThat(put.status()).isEqualTo(200);
        assertThat(put.json().toString()).isEqualTo("{\"age\":30,\"email\":\"arne@example.com\",\"username\":\"" + arne + "\"}");

        // Log out, then the old token is refused
        Reply logout = http().delete("/users/" + arne + "/tokens/" + URLEncoder.encode(first, StandardCharsets.UTF_8), bearer(first));
        assertThat(logout.body()).isEqualTo("{\"message\":\"Access token deleted\"}");
        assertThat(http().get("/users/" + arne + "/profile", bearer(first)).body()).isEqualTo("{\"error\":\"Invalid access token\"}");

        // Log in on three devices
        String pc = logIn(arne, "Arne's PC");
        String phone = logIn(arne, "Arne's Phone");
        String work = logIn(arne, "Arne's Work PC");
        for (String device : List.of(pc, phone, work)) {
            assertThat(http().get("/users/" + arne + "/profile", bearer(device)).json().get("age").asInt()).isEqualTo(30);
        }

        // List access tokens
        JsonNode two = http().get("/users/" + arne + "/tokens?limit=2", bearer(pc)).json();
        assertThat(two.get("count").asInt()).isEqualTo(2);
        assertThat(two.get("limit").asInt()).isEqualTo(2);
        assertThat(two.get("total_count").asInt()).isEqualTo(3);
        assertThat(deviceNames(two)).containsExactly("Arne's PC", "Arne's Phone");
        JsonNode all = http().get("/users/" + arne + "/tokens", bearer(pc)).json();
        assertThat(all.get("limit").asInt()).isEqualTo(10);
        assertThat(deviceNames(all)).containsExactly("Arne's PC", "Arne's Phone", "Arne's Work PC");

        // Log out the two other devices from the PC
        for (JsonNode listed : all.get("tokens")) {
            if (!listed.get("device_name").asText().equals("Arne's PC")) {
                assertThat(http().delete("/users/" + arne + "/tokens/" + listed.get("token").asText(), bearer(pc)).status()).isEqualTo(200);
            }
        }
        JsonNode left = http().get("/users/" + arne + "/tokens", bearer(pc)).json();
        assertThat(left.get("count").asInt()).isEqualTo(1);
        assertThat(left.get("total_count").asInt()).isEqualTo(1);
        assertThat(deviceNames(left)).containsExactly("Arne's PC");
        assertThat(http().get("/users/" + arne + "/profile", bearer(phone)).status()).isEqualTo(401);
        assertThat(http().get("/users/" + arne + "/profile", bearer(work)).status()).isEqualTo(401);

        // Get access token information
        JsonNode info = http().get("/users/" + arne + "/tokens/" + pc, bearer(pc)).json();
        assertThat(info.get("device_name").asText()).isEqualTo("Arne's PC");
        assertThat(info.get("username").asText()).isEqualTo(arne);
        assertThat(info.get("expires").isNumber()).isTrue();
        assertThat(info.get("current").asBoolean()).isTrue();
    }

    @Test
    void theFullUserRecordShowsRolesAndWhenItWasCreated() {
        String name = uniqueName("Roles");
        String token = signUp(name);
        JsonNode user = http().get("/users/" + name, bearer(token)).json();
        assertThat(user.get("username").asText()).isEqualTo(name);
        assertThat(user.get("email").asText()).isEqualTo("arne@example.com");
        assertThat(user.get("age").asInt()).isEqualTo(29);
        assertThat(user.get("roles").toString()).isEqualTo("[\"teacher\",\"student\"]");
        assertThat(user.get("created").asDouble()).isCloseTo(System.currentTimeMillis() / 1000.0, org.assertj.core.data.Offset.offset(60.0));
    }

    private static List<String> deviceNames(JsonNode listing) {
        List<String> names = new ArrayList<>();
        listing.get("tokens").forEach(t -> names.add(t.get("device_name").asText()));
        return names;
    }
}
