package dev.apilab.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.apilab.support.Reply;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** /users/{u}/grades: POST and PUT replace, PATCH merges, DELETE clears. */
abstract class GradesContract extends AccountApiTest {
    @Test
    void gradesStartEmptyAndComeBackSortedBySubject() {
        String name = uniqueName("Grades");
        String token = signUp(name);
        assertThat(http().get("/users/" + name + "/grades", bearer(token)).body()).isEqualTo("{}");
        http().post("/users/" + name + "/grades", "{\"physics\":\"A+\",\"art\":4.5,\"math\":5}", bearer(token));
        assertThat(http().get("/users/" + name + "/grades", bearer(token)).body()).isEqualTo("{\"art\":4.5,\"math\":5,\"physics\":\"A+\"}");
    }

    @Test
    void putReplacesAllAndPatchMergesWithNullRemovingASubject() {
        String name = uniqueName("Merge");
        String token = signUp(name);
        http().put("/users/" + name + "/grades", Map.of("math", 5, "english", 4), bearer(token));
        Reply patched = http().patch("/users/" + name + "/grades", "{\"english\":6,\"history\":3,\"math\":null}", bearer(token));
        assertThat(patched.status()).isEqualTo(200);
        assertThat(patched.body()).isEqualTo("{\"english\":6,\"history\":3}");
        Reply replaced = http().put("/users/" + name + "/grades", Map.of("art", 1), bearer(token));
        assertThat(replaced.body()).isEqualTo("{\"art\":1}");
        Reply deleted = http().delete("/users/" + name + "/grades", bearer(token));
        assertThat(deleted.body()).isEqualTo("{\"message\":\"Grades deleted\"}");
        assertThat(http().get("/users/" + name + "/grades", bearer(token)).body()).isEqualTo("{}");
    }

    @Test
    void badGradesAre400sNamingTheSubject() {
        String name = uniqueName("BadGrades");
        String token = signUp(name);
        Reply longString = http().post("/users/" + name + "/grades", "{\"math\":\"excellent!\"}", bearer(token));
        assertThat(longString.status()).isEqualTo(400);
        assertThat(longString.error()).startsWith("'math' must be a number or a string of at most 8 characters");
        for (String body : new String[] {"{\"math\":true}", "{\"math\":[5]}", "{\"math\":{}}", "{\"math\":null}", "{\"\":5}", "[5]"}) {
            Reply reply = http().post("/users/" + name + "/grades", body, bearer(token));
            assertThat(reply.status()).as(body).isEqualTo(400);
        }
        for (String body : new String[] {"{\"math\":1e400}", "{\"math\":-1e400}", "{\"math\":1e-400}"}) {
            Reply reply = http().post("/users/" + name + "/grades", body, bearer(token));
            assertThat(reply.status()).as(body).isEqualTo(400);
            assertThat(reply.error()).as(body).contains("a JSON client can read as it is");
        }
        assertThat(http().post("/users/" + name + "/grades", "{\"math\":1e300}", bearer(token)).status()).isEqualTo(200);
        http().delete("/users/" + name + "/grades", bearer(token));
        Reply longSubject = http().post("/users/" + name + "/grades", "{\"" + "s".repeat(65) + "\":1}", bearer(token));
        assertThat(longSubject.status()).isEqualTo(400);
        assertThat(http().get("/users/" + name + "/grades", bearer(token)).body()).isEqualTo("{}");
    }

    @Test
    void atMostOneHundredSubjectsEvenThroughPatch() {
        String name = uniqueName("Many");
        String token = signUp(name);
        Map<String, Integer> hundred = new LinkedHashMap<>();
        for (int i = 0; i < 100; i++) {
            hundred.put("subject" + i, i);
        }
        assertThat(http().put("/users/" + name + "/grades", hundred, bearer(token)).status()).isEqualTo(200);
        Map<String, Integer> more = new LinkedHashMap<>(hundred);
        more.put("one-too-many", 1);
        assertThat(http().put("/users/" + name + "/grades", more, bearer(token)).status()).isEqualTo(400);
        Reply patch = http().patch("/users/" + name + "/grades", Map.of("one-too-many", 1), bearer(token));
        assertThat(patch.status()).isEqualTo(400);
        assertThat(patch.error()).contains("100 subjects");
        assertThat(http().get("/users/" + name + "/grades", bearer(token)).json().size()).isEqualTo(100);
    }
}
