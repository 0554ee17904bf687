package dev.apilab.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.apilab.support.Reply;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** SPEC §3's field rules for sign-up and profiles: each wrong field is a 400 that names it. */
abstract class ValidationContract extends AccountApiTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "username|\"has space\"|username",
        "username|\"\"|username",
        "username|\"abcdefghijklmnopqrstuvwxyz0123456\"|username",
        "username|\"émile\"|username",
        "username|\"..\"|username",
        "username|42|username",
        "password|\"short\"|password",
        "password|12345678|password",
        "age|-1|age",
        "age|151|age",
        "age|29.5|age",
        "age|\"29\"|age",
        "age|null|age",
        "email|\"not-an-email\"|email",
        "email|\"a@b\"|email",
        "email|\"a\\u0000b@example.com\"|email",
        "email|\"a\\u0001@example.com\"|email",
        "device_name|\"\"|device_name",
        "roles|[\"admin\"]|roles",
        "roles|\"teacher\"|roles",
        "roles|[1]|roles",
        "nickname|\"x\"|nickname",
    })
    void aWrongSignUpFieldIsA400NamingIt(String field, String json, String named) {
        Map<String, Object> body = new HashMap<>(signUpBody(uniqueName("Rules")));
        body.remove(field);
        String text = toJson(body);
        text = text.substring(0, text.length() - 1) + ",\"" + field + "\":" + json + "}";
        Reply reply = http().post("/users", text);
        assertThat(reply.status()).as(reply.toString()).isEqualTo(400);
        assertThat(reply.error()).startsWith("'" + named + "'");
        assertThat(reply.json().at("/details/0/field").asText()).isEqualTo(named);
    }

    @Test
    void tooLongPasswordsEmailsAndDeviceNamesAreRefused() {
        for (var entry : Map.of("password", "p".repeat(1025), "email", "a".repeat(250) + "@example.com", "device_name", "d".repeat(101)).entrySet()) {
            Map<String, Object> body = new HashMap<>(signUpBody(uniqueName("Long")));
            body.put(entry.getKey(), entry.getValue());
            Reply reply = http().post("/users", body);
            assertThat(reply.status()).as(entry.getKey()).isEqualTo(400);
            assertThat(reply.error()).startsWith("'" + entry.getKey() + "'");
        }
    }

    @Test
    void eachRequiredSignUpFieldIsNamedWhenMissing() {
        for (String field : List.of("username", "password", "age", "email")) {
            Map<String, Object> body = new HashMap<>(signUpBody(uniqueName("Missing")));
            body.remove(field);
            Reply reply = http().post("/users", body);
            assertThat(reply.status()).isEqualTo(400);
            assertThat(reply.error()).isEqualTo("'" + field + "' is required");
        }
    }

    @Test
    void usernamesAreUniqueWithoutRegardToCaseAndThePathTakesAnyCase() {
        String name = uniqueName("Arne");
        String token = signUp(name);
        Reply twin = http().post("/users", signUpBody(name.toLowerCase()));
        assertThat(twin.status()).isEqualTo(400);
        assertThat(twin.error()).isEqualTo("User already exists");
        Reply profile = http().get("/users/" + name.toUpperCase() + "/profile", bearer(token));
        assertThat(profile.status()).isEqualTo(200);
        assertThat(profile.json().get("username").asText()).isEqualTo(name);
    }

    @Test
    void signUpWithoutDeviceOrRolesUsesTheDefaults() {
        String name = uniqueName("Defaults");
        Reply reply = http().post("/users", Map.of("username", name, "password", PASSWORD, "age", 0, "email", "x@example.org"));
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().at("/access_token/device_name").asText()).isEqualTo("Unknown device");
        String token = reply.json().at("/access_token/token").asText();
        assertThat(http().get("/users/" + name, bearer(token)).json().get("roles").toString()).isEqualTo("[]");
    }

    @Test
    void putProfileCannotRenameAndNeedsAgeAndEmail() {
        String name = uniqueName("Rename");
        String token = signUp(name);
        Reply rename = http().put("/users/" + name + "/profile", Map.of("username", "other", "age", 30, "email", "a@b.cd"), bearer(token));
        assertThat(rename.status()).isEqualTo(400);
        assertThat(rename.error()).isEqualTo("'username' cannot be changed");
        Reply sameInOtherCase = http().put("/users/" + name + "/profile", Map.of("username", name.toLowerCase(), "age", 31, "email", "a@b.cd"), bearer(token));
        assertThat(sameInOtherCase.status()).isEqualTo(200);
        assertThat(sameInOtherCase.json().get("username").asText()).isEqualTo(name);
        Reply noAge = http().put("/users/" + name + "/profile", Map.of("email", "a@b.cd"), bearer(token));
        assertThat(noAge.error()).isEqualTo("'age' is required");
        Reply badEmail = http().put("/users/" + name + "/profile", Map.of("age", 3, "email", 5), bearer(token));
        assertThat(badEmail.error()).isEqualTo("'email' must be a string, not a number");
    }

    @Test
    void malformedAndNonJsonBodiesToAccountRoutesAre400And415() {
        assertThat(http().post("/users", "{\"username\":").status()).isEqualTo(400);
        assertThat(http().post("/users", "[]").status()).isEqualTo(400);
        assertThat(http().post("/users", "{\"username\":\"a\",\"username\":\"b\"}").error()).contains("Duplicate field 'username'");
        Reply form = http().send(http().request("/users").header("Content-Type", "text/plain")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("username=a")).build());
        assertThat(form.status()).isEqualTo(415);
    }

    private static String toJson(Map<String, Object> body) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(body);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
