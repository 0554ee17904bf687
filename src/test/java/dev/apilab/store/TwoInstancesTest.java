package dev.apilab.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.apilab.support.Http;
import dev.apilab.support.Reply;
import dev.apilab.support.RunningServer;
import dev.apilab.support.TestDatabase;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Two stateless instances on one PostgreSQL, as behind a load balancer: they must agree on everything. */
class TwoInstancesTest {
    @RegisterExtension
    @Order(1)
    static final RunningServer one = RunningServer.on(TestDatabase.Kind.POSTGRESQL);

    @RegisterExtension
    @Order(2)
    static final RunningServer two = RunningServer.anotherInstanceOf(one);

    private static Map<String, Object> signUp(String name) {
        return Map.of("username", name, "password", "password123", "age", 29, "email", "arne@example.com");
    }

    @Test
    void concurrentSignUpsOfOneNameOnTwoInstancesGiveExactlyOneAccount() throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Reply>> futures = new ArrayList<>();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 40; i++) {
                Http http = i % 2 == 0 ? one.http() : two.http();
                String name = i % 3 == 0 ? "Racer" : "racer";
                futures.add(threads.submit(() -> {
                    start.await();
                    return http.post("/users", signUp(name));
                }));
            }
            start.countDown();
            List<Reply> replies = new ArrayList<>();
            for (Future<Reply> future : futures) {
                replies.add(future.get());
            }
            assertThat(replies).filteredOn(r -> r.status() == 200).hasSize(1);
            assertThat(replies).filteredOn(r -> r.status() == 400).hasSize(39)
                    .allSatisfy(r -> assertThat(r.error()).isEqualTo("User already exists"));
        }
    }

    @Test
    void aLogOutOnOneInstanceIsRefusedOnTheOtherAtTheNextRequest() {
        Reply created = one.http().post("/users", signUp("Traveller"));
        String token = created.json().at("/access_token/token").asText();
        assertThat(two.http().get("/users/Traveller/profile", Http.bearer(token)).status()).isEqualTo(200);
        assertThat(one.http().delete("/users/Traveller/tokens/" + token, Http.bearer(token)).status()).isEqualTo(200);
        Reply refused = two.http().get("/users/Traveller/profile", Http.bearer(token));
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.error()).isEqualTo("Invalid access token");
    }

    @Test
    void gradesWrittenOnOneInstanceAreReadOnTheOther() {
        Reply created = two.http().post("/users", signUp("Student"));
        String token = created.json().at("/access_token/token").asText();
        one.http().post("/users/Student/grades", Map.of("math", 5, "english", 4), Http.bearer(token));
        assertThat(two.http().get("/users/Student/grades", Http.bearer(token)).body()).isEqualTo("{\"english\":4,\"math\":5}");
        two.http().patch("/users/Student/grades", Map.of("math", 3), Http.bearer(token));
        assertThat(one.http().get("/users/Student/grades", Http.bearer(token)).body()).isEqualTo("{\"english\":4,\"math\":3}");
    }
}
