package dev.apilab.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.apilab.support.Http;
import dev.apilab.support.Reply;
import dev.apilab.support.RunningServer;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Brute force: failed log-ins pause, then stop, per account and per address; sign-ups are limited per address. */
class ThrottleTest {
    @RegisterExtension
    static final RunningServer backoff = RunningServer.withSettings("LOGIN_FAILURES_PER_ADDRESS", "1000000");

    @RegisterExtension
    static final RunningServer ceiling = RunningServer.withSettings("LOGIN_FAILURES_PER_ACCOUNT", "3");

    @RegisterExtension
    static final RunningServer perAddress = RunningServer.withSettings("LOGIN_FAILURES_PER_ADDRESS", "4", "SIGNUPS_PER_ADDRESS", "3");

    private static Reply logIn(Http http, String name, String password) {
        return http.post("/users/" + name + "/tokens", Map.of("password", password));
    }

    private static void signUp(Http http, String name) {
        assertThat(http.post("/users", AccountApiTest.signUpBody(name)).status()).isEqualTo(200);
    }

    @Test
    void afterFiveFailuresEachAttemptMustWaitLongerAndTheAnswerIsTheSameForAnUnknownAccount() throws Exception {
        signUp(backoff.http(), "Target");
        for (String name : new String[] {"Target", "Ghost"}) {
            for (int i = 0; i < Throttle.FREE_FAILURES; i++) {
                assertThat(logIn(backoff.http(), name, "wrong-password").status()).isEqualTo(401);
            }
            Reply paused = logIn(backoff.http(), name, AccountApiTest.PASSWORD);
            assertThat(paused.status()).isEqualTo(429);
            assertThat(paused.error()).isEqualTo("Too many failed log-ins; try again later");
            assertThat(paused.header("Retry-After")).isEqualTo("1");
        }
        Thread.sleep(1_100);
        assertThat(logIn(backoff.http(), "Ghost", "wrong-password").status()).isEqualTo(401);
        assertThat(logIn(backoff.http(), "Ghost", "wrong-password").header("Retry-After")).isEqualTo("2");
        Reply right = logIn(backoff.http(), "Target", AccountApiTest.PASSWORD);
        assertThat(right.status()).isEqualTo(200);
        assertThat(logIn(backoff.http(), "Target", "wrong-password").status()).as("a success clears the failures").isEqualTo(401);
    }

    @Test
    void pastTheHourlyCeilingEvenTheRightPasswordIs429() {
        signUp(ceiling.http(), "Locked");
        for (int i = 0; i < 3; i++) {
            assertThat(logIn(ceiling.http(), "Locked", "wrong-password").status()).isEqualTo(401);
        }
        Reply locked = logIn(ceiling.http(), "Locked", AccountApiTest.PASSWORD);
        assertThat(locked.status()).isEqualTo(429);
        assertThat(Integer.parseInt(locked.header("Retry-After"))).isBetween(1, 3600);
        assertThat(logIn(ceiling.http(), "locked", AccountApiTest.PASSWORD).status()).as("any spelling").isEqualTo(429);
    }

    @Test
    void failuresAcrossAccountsFromOneAddressAreLimitedAndSoAreSignUps() {
        for (String name : new String[] {"a1", "a2", "a3", "a4"}) {
            assertThat(logIn(perAddress.http(), name, "wrong-password").status()).isEqualTo(401);
        }
        assertThat(logIn(perAddress.http(), "a5", "wrong-password").status()).isEqualTo(429);
        for (String name : new String[] {"s1", "s2", "s3"}) {
            signUp(perAddress.http(), name);
        }
        Reply fourth = perAddress.http().post("/users", AccountApiTest.signUpBody("s4"));
        assertThat(fourth.status()).isEqualTo(429);
        assertThat(fourth.error()).isEqualTo("Too many sign-ups from this address; try again later");
        assertThat(fourth.header("Retry-After")).isNotNull();
    }
}
