package dev.apilab.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.apilab.support.Http;
import dev.apilab.support.Reply;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Many requests at once: exactly one winner per name, no lost log-ins, never a 500 or "database is locked". */
abstract class ConcurrencyContract extends AccountApiTest {
    @Override
    Http http() {
        // 200 log-ins are 200 Argon2id hashes queued on one thread per core: allow them minutes, not seconds.
        return super.http().withTimeout(java.time.Duration.ofMinutes(3));
    }

    @Test
    void fiftyParallelSignUpsOfOneNameGiveOneSuccessAndFortyNineUserAlreadyExists() throws Exception {
        String name = uniqueName("Race");
        List<Reply> replies = all(50, i -> http().post("/users", signUpBody(i % 2 == 0 ? name : name.toUpperCase())));
        assertThat(replies).filteredOn(r -> r.status() == 200).hasSize(1);
        assertThat(replies).filteredOn(r -> r.status() == 400 && r.error().equals("User already exists")).hasSize(49);
    }

    @Test
    void twoHundredParallelLogInsAllSucceed() throws Exception {
        String name = uniqueName("Crowd");
        signUp(name);
        List<Reply> replies = all(200, i -> http().post("/users/" + name + "/tokens",
                Map.of("password", PASSWORD, "device_name", "device " + i)));
        assertThat(replies).allSatisfy(r -> assertThat(r.status()).as(r.toString()).isEqualTo(200));
        assertThat(replies.stream().map(r -> r.json().get("token").asText()).distinct()).hasSize(200);
    }

    @Test
    void parallelWritesAndReadsOfGradesNeverFail() throws Exception {
        String name = uniqueName("Writers");
        String token = signUp(name);
        List<Reply> replies = all(200, i -> i % 2 == 0
                ? http().patch("/users/" + name + "/grades", Map.of("subject" + (i % 20), i), bearer(token))
                : http().get("/users/" + name + "/grades", bearer(token)));
        assertThat(replies).allSatisfy(r -> assertThat(r.status()).as(r.toString()).isEqualTo(200));
        assertThat(http().get("/users/" + name + "/grades", bearer(token)).json().size()).isEqualTo(10);
    }

    interface Call {
        Reply run(int index);
    }

    /** Runs {@code count} calls at once (released together) and returns every answer. */
    static List<Reply> all(int count, Call call) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Reply>> futures = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int index = i;
                Callable<Reply> task = () -> {
                    start.await();
                    return call.run(index);
                };
                futures.add(threads.submit(task));
            }
            start.countDown();
            List<Reply> replies = new ArrayList<>();
            for (Future<Reply> future : futures) {
                replies.add(future.get());
            }
            return replies;
        }
    }
}
