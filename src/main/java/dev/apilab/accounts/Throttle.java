package dev.apilab.accounts;

import dev.apilab.config.Config.Limits;
import dev.apilab.http.ApiException;
import dev.apilab.store.RateLimitStore;
import dev.apilab.store.RateLimitStore.Counter;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Brute-force limits: failed log-ins per account (with a growing pause after the first few, and a
 * ceiling an hour) and per client address, and sign-ups per address. Over a limit the answer is
 * 429 with Retry-After, and the same whether or not the account exists: counts are kept by name.
 */
public final class Throttle {
    static final long WINDOW_MILLIS = 3_600_000;
    /** Failures an account may have before each further attempt must wait, doubling from one second. */
    static final int FREE_FAILURES = 5;
    private static final long MAX_PAUSE_MILLIS = 5 * 60_000;

    private final RateLimitStore store;
    private final Limits limits;
    private final Clock clock;

    public Throttle(RateLimitStore store, Limits limits, Clock clock) {
        this.store = store;
        this.limits = limits;
        this.clock = clock;
    }

    /** Refuses a log-in attempt while the account or the address is over its limit. */
    public void checkLogIn(String usernameKey, String address) {
        long now = clock.millis();
        long window = windowStart(now);
        Optional<Counter> account = store.current(accountBucket(usernameKey), window);
        if (account.isPresent()) {
            Counter counter = account.get();
            if (counter.hits() >= limits.failuresPerAccount()) {
                throw tooManyLogIns(window + WINDOW_MILLIS - now);
            }
            if (counter.hits() >= FREE_FAILURES) {
                long pause = Math.min(MAX_PAUSE_MILLIS, 1000L << Math.min(20, counter.hits() - FREE_FAILURES));
                long wait = counter.lastHit() + pause - now;
                if (wait > 0) {
                    throw tooManyLogIns(wait);
                }
            }
        }
        Optional<Counter> fromAddress = store.current(addressBucket("login", address), window);
        if (fromAddress.isPresent() && fromAddress.get().hits() >= limits.failuresPerAddress()) {
            throw tooManyLogIns(window + WINDOW_MILLIS - now);
        }
    }

    public void recordFailedLogIn(String usernameKey, String address) {
        long now = clock.millis();
        for (String bucket : List.of(accountBucket(usernameKey), addressBucket("login", address))) {
            store.hit(bucket, windowStart(now), now);
        }
    }

    /** A right password clears the account's failures (not the address's). */
    public void recordLogIn(String usernameKey) {
        store.clear(accountBucket(usernameKey));
    }

    /** Counts a sign-up attempt from {@code address}, refusing it past the hourly limit. */
    public void admitSignUp(String address) {
        long now = clock.millis();
        long window = windowStart(now);
        String bucket = addressBucket("signup", address);
        Optional<Counter> counter = store.current(bucket, window);
        if (counter.isPresent() && counter.get().hits() >= limits.signUpsPerAddress()) {
            throw tooMany("Too many sign-ups from this address; try again later", window + WINDOW_MILLIS - now);
        }
        store.hit(bucket, window, now);
    }

    public int purgeEndedWindows() {
        return store.purgeBefore(windowStart(clock.millis()));
    }

    private static long windowStart(long now) {
        return now - now % WINDOW_MILLIS;
    }

    private static String accountBucket(String usernameKey) {
        return "login-account:" + usernameKey;
    }

    private static String addressBucket(String kind, String address) {
        return kind + "-address:" + address;
    }

    private static ApiException tooManyLogIns(long waitMillis) {
        return tooMany("Too many failed log-ins; try again later", waitMillis);
    }

    private static ApiException tooMany(String message, long waitMillis) {
        long seconds = Math.max(1, (waitMillis + 999) / 1000);
        return new ApiException(429, message, List.of(), Map.of("Retry-After", Long.toString(seconds)));
    }
}
