package dev.apilab.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.password4j.Argon2Function;
import com.password4j.Password;
import com.password4j.types.Argon2;
import dev.apilab.support.LogCapture;
import dev.apilab.support.Reply;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Where apilab is safe and the notebook's server is not: hashes, secrets at rest, owner-only access. */
abstract class AccountSecurityContract extends AccountApiTest {
    /** Every owner-only route, as method and path (with {u} for the username), with a body where one is needed. */
    private static final List<String[]> OWNER_ROUTES = List.of(
            new String[] {"GET", "/users/{u}"},
            new String[] {"DELETE", "/users/{u}"},
            new String[] {"GET", "/users/{u}/profile"},
            new String[] {"PUT", "/users/{u}/profile", "{\"age\":1,\"email\":\"a@b.cd\"}"},
            new String[] {"GET", "/users/{u}/grades"},
            new String[] {"POST", "/users/{u}/grades", "{\"math\":1}"},
            new String[] {"PUT", "/users/{u}/grades", "{\"math\":1}"},
            new String[] {"PATCH", "/users/{u}/grades", "{\"math\":1}"},
            new String[] {"DELETE", "/users/{u}/grades"},
            new String[] {"GET", "/users/{u}/tokens"},
            new String[] {"DELETE", "/users/{u}/tokens"},
            new String[] {"GET", "/users/{u}/tokens/AAAAAAAAAAAAAAAA"},
            new String[] {"DELETE", "/users/{u}/tokens/AAAAAAAAAAAAAAAA"});

    private Reply call(String[] route, String username, String... headers) {
        return http().send(route[0], route[1].replace("{u}", username), route.length > 2 ? route[2] : null, headers);
    }

    @Test
    void anotherUsersValidTokenGets403OnEveryOwnerRouteWhetherOrNotThatUserExists() {
        String victim = uniqueName("Victim");
        signUp(victim);
        String intruder = signUp(uniqueName("Intruder"));
        for (String[] route : OWNER_ROUTES) {
            for (String target : List.of(victim, "nobody-at-all")) {
                Reply reply = call(route, target, bearer(intruder));
                assertThat(reply.status()).as("%s %s", route[0], route[1]).isEqualTo(403);
                assertThat(reply.error()).isEqualTo("Forbidden");
            }
        }
        assertThat(http().get("/users/" + victim + "/profile", bearer(intruder)).status()).isEqualTo(403);
    }

    @Test
    void everyOwnerRouteWithoutATokenIs401MissingAccessTokenWithWwwAuthenticate() {
        String name = uniqueName("NoToken");
        signUp(name);
        for (String[] route : OWNER_ROUTES) {
            Reply reply = call(route, name);
            assertThat(reply.status()).as("%s %s", route[0], route[1]).isEqualTo(401);
            assertThat(reply.error()).isEqualTo("Missing access token");
            assertThat(reply.header("WWW-Authenticate")).isEqualTo("Bearer");
            assertThat(reply.header("Cache-Control")).isEqualTo("no-store");
        }
    }

    @Test
    void aGarbageOrForgedTokenIs401InvalidAccessToken() {
        String name = uniqueName("Forged");
        String real = signUp(name);
        String forged = real.substring(0, real.indexOf('.') + 1) + "A".repeat(43);
        for (String token : List.of("nonsense", forged, real + "x", "a.b", real.toUpperCase())) {
            Reply reply = http().get("/users/" + name + "/profile", bearer(token));
            assertThat(reply.status()).as(token).isEqualTo(401);
            assertThat(reply.error()).isEqualTo("Invalid access token");
        }
        assertThat(http().get("/users/" + name + "/profile", "Authorization", "Basic YTpi").error()).isEqualTo("Invalid access token");
        assertThat(http().get("/users/" + name + "/profile", "Authorization", "Bearer ").error()).isEqualTo("Missing access token");
    }

    @Test
    void twoAuthorizationHeadersAreRefused() {
        String name = uniqueName("TwoHeaders");
        String token = signUp(name);
        var request = http().request("/users/" + name + "/profile").header("Authorization", "Bearer " + token)
                .header("Authorization", "Bearer junk").GET().build();
        Reply reply = http().send(request);
        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.error()).isEqualTo("Send one Authorization header, not several");
    }

    @Test
    void theBearerSchemeIsCaseInsensitiveAndMayBeFollowedBySeveralSpaces() {
        String name = uniqueName("Scheme");
        String token = signUp(name);
        for (String header : List.of("bearer " + token, "BEARER " + token, "Bearer    " + token)) {
            assertThat(http().get("/users/" + name + "/profile", "Authorization", header).status()).as(header).isEqualTo(200);
        }
    }

    @Test
    void aTokenInTheQueryStringOrTheBodyIsNeverAccepted() {
        String name = uniqueName("Query");
        String token = signUp(name);
        assertThat(http().get("/users/" + name + "/profile?access_token=" + token).status()).isEqualTo(401);
        assertThat(http().get("/users/" + name + "/profile?token=" + token).status()).isEqualTo(401);
        Reply body = http().put("/users/" + name + "/profile", Map.of("age", 3, "email", "a@b.cd", "token", token));
        assertThat(body.status()).isEqualTo(401);
    }

    @Test
    void aListedTokenValueIsNotAUsableCredentialAndNeverTheSecret() {
        String name = uniqueName("Lister");
        String pc = signUp(name);
        String phone = logIn(name, "Arne's Phone");
        JsonNode listing = http().get("/users/" + name + "/tokens", bearer(pc)).json();
        for (JsonNode listed : listing.get("tokens")) {
            String shown = listed.get("token").asText();
            assertThat(shown).isNotEqualTo(pc).isNotEqualTo(phone);
            assertThat(http().get("/users/" + name + "/profile", bearer(shown)).status()).isEqualTo(401);
            assertThat(listed.toString()).doesNotContain(pc.substring(pc.indexOf('.') + 1)).doesNotContain(phone.substring(phone.indexOf('.') + 1));
        }
        JsonNode info = http().get("/users/" + name + "/tokens/" + phone, bearer(pc)).json();
        assertThat(info.toString()).doesNotContain(phone.substring(phone.indexOf('.') + 1));
        assertThat(info.get("current").asBoolean()).isFalse();
    }

    @Test
    void theDatabaseHoldsNeitherAPasswordNorATokenSecret() {
        String name = uniqueName("AtRest");
        String password = "correct horse battery staple";
        Map<String, Object> body = new java.util.HashMap<>(signUpBody(name));
        body.put("password", password);
        Reply reply = http().post("/users", body);
        String token = reply.json().at("/access_token/token").asText();
        String secret = token.substring(token.indexOf('.') + 1);
        List<String> atRest = new ArrayList<>();
        atRest.addAll(server().database().allValues("SELECT * FROM users"));
        atRest.addAll(server().database().allValues("SELECT * FROM access_tokens"));
        assertThat(String.join("|", atRest)).doesNotContain(password).doesNotContain(secret).doesNotContain(token);
    }

    @Test
    void passwordsAreArgon2idWithOwaspParametersAndAPerUserSalt() {
        String one = uniqueName("SaltOne");
        String two = uniqueName("SaltTwo");
        signUp(one);
        signUp(two);
        String first = server().database().allValues("SELECT password_hash FROM users WHERE username = ?", one).get(0);
        String second = server().database().allValues("SELECT password_hash FROM users WHERE username = ?", two).get(0);
        assertThat(first).startsWith("$argon2id$v=19$m=19456,t=2,p=1$");
        assertThat(second).startsWith("$argon2id$v=19$m=19456,t=2,p=1$");
        assertThat(first).isNotEqualTo(second);
        assertThat(first.split("\\$")[4]).isNotEqualTo(second.split("\\$")[4]);
    }

    @Test
    void aHashWithOldParametersIsRedoneAtTheNextLogIn() {
        String name = uniqueName("Rehash");
        signUp(name);
        String weak = Password.hash(PASSWORD).addRandomSalt(16).with(Argon2Function.getInstance(4096, 1, 1, 32, Argon2.ID)).getResult();
        server().database().execute("UPDATE users SET password_hash = ? WHERE username = ?", weak, name);
        logIn(name, "After the upgrade");
        String stored = server().database().allValues("SELECT password_hash FROM users WHERE username = ?", name).get(0);
        assertThat(stored).startsWith("$argon2id$v=19$m=19456,t=2,p=1$").isNotEqualTo(weak);
        logIn(name, "Still works");
    }

    @Test
    void aWrongPasswordAndAnUnknownUserGiveTheSame401() {
        String name = uniqueName("Guess");
        signUp(name);
        Reply wrongPassword = http().post("/users/" + name + "/tokens", Map.of("password", "not-the-password", "device_name", "x"));
        Reply unknownUser = http().post("/users/nobody-" + name + "/tokens", Map.of("password", "not-the-password", "device_name", "x"));
        assertThat(wrongPassword.status()).isEqualTo(401);
        assertThat(unknownUser.status()).isEqualTo(401);
        assertThat(wrongPassword.body()).isEqualTo(unknownUser.body()).isEqualTo("{\"error\":\"Invalid username or password\"}");
    }

    @Test
    void anUnknownUsersLogInCostsAsMuchAsAWrongPassword() {
        String name = uniqueName("Timing");
        signUp(name);
        long wrong = medianNanos(() -> http().post("/users/" + name + "/tokens", Map.of("password", "wrong-password")));
        long unknown = medianNanos(() -> http().post("/users/ghost-" + name + "/tokens", Map.of("password", "wrong-password")));
        // An answer without a hash takes about a millisecond, one with a hash tens of them: the gap is wide.
        assertThat(unknown).isGreaterThan(wrong / 3);
    }

    @Test
    void aPasswordTypedInDecomposedUnicodeMatchesTheComposedOne() {
        String name = uniqueName("Unicode");
        Map<String, Object> body = new java.util.HashMap<>(signUpBody(name));
        body.put("password", "caf\u00e9-cr\u00e8me");
        assertThat(http().post("/users", body).status()).isEqualTo(200);
        Reply login = http().post("/users/" + name + "/tokens", Map.of("password", "cafe\u0301-cre\u0300me"));
        assertThat(login.status()).isEqualTo(200);
    }

    @Test
    void loggingOutAllDevicesDeletingTheUserAndClearingTakeEffectOnTheNextRequest() {
        String name = uniqueName("Everywhere");
        String pc = signUp(name);
        String phone = logIn(name, "Phone");
        Reply all = http().delete("/users/" + name + "/tokens", bearer(pc));
        assertThat(all.status()).isEqualTo(200);
        assertThat(all.json().get("deleted").asInt()).isEqualTo(2);
        assertThat(http().get("/users/" + name + "/profile", bearer(pc)).status()).isEqualTo(401);
        assertThat(http().get("/users/" + name + "/profile", bearer(phone)).status()).isEqualTo(401);

        String again = logIn(name, "Again");
        http().put("/users/" + name + "/grades", Map.of("math", 6), bearer(again));
        Reply deleted = http().delete("/users/" + name, bearer(again));
        assertThat(deleted.json().toString()).isEqualTo("{\"message\":\"User deleted\"}");
        assertThat(http().get("/users/" + name + "/profile", bearer(again)).status()).isEqualTo(401);
        assertThat(server().database().allValues("SELECT COUNT(*) FROM grades g JOIN users u ON u.id = g.user_id WHERE u.username = ?", name))
                .containsExactly("0");
        signUp(name);
    }

    @Test
    void noPasswordOrTokenEverReachesTheLog() {
        try (LogCapture logs = new LogCapture()) {
            String name = uniqueName("Quiet");
            String token = signUp(name);
            String other = logIn(name, "Second");
            http().get("/users/" + name + "/tokens/" + other, bearer(token));
            http().delete("/users/" + name + "/tokens/" + other, bearer(token));
            http().post("/users/" + name + "/tokens", Map.of("password", "wrong-" + PASSWORD));
            Reply last = http().get("/users/" + name + "/profile", bearer(token));
            logs.awaitLineContaining(last.header("X-Request-Id"));
            String all = logs.all();
            assertThat(all).doesNotContain(PASSWORD).doesNotContain(token).doesNotContain(other);
            assertThat(all).doesNotContain(token.substring(token.indexOf('.') + 1)).doesNotContain(other.substring(other.indexOf('.') + 1));
        }
    }

    private static long medianNanos(Runnable call) {
        long[] times = new long[5];
        for (int i = 0; i < times.length; i++) {
            long started = System.nanoTime();
            call.run();
            times[i] = System.nanoTime() - started;
        }
        Arrays.sort(times);
        return times[times.length / 2];
    }
}
