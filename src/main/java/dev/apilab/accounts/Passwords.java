package dev.apilab.accounts;

import java.security.SecureRandom;
import java.text.Normalizer;
import java.util.HexFormat;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Argon2id password hashes (OWASP: m=19 MiB, t=2, p=1, per-user random salt in the hash string).
 * Hashing runs on a few platform threads, one per core, each with its own Argon2idEngine whose
 * 19 MiB of blocks it reuses: a flood of log-ins queues there and makes next to no garbage, and
 * request threads wait without holding a carrier.
 */
public final class Passwords implements AutoCloseable {
    private static final int MEMORY_KIB = 19 * 1024;
    private static final int ITERATIONS = 2;
    private static final int PARALLELISM = 1;
    private static final int HASH_BYTES = 32;
    private static final int SALT_BYTES = 16;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final ExecutorService hashers;
    /** Only ever read on the hashers' threads: one engine, and one block memory, per thread. */
    private final ThreadLocal<Argon2idEngine> engines = ThreadLocal.withInitial(Argon2idEngine::new);
    private final String decoyHash;

    public Passwords() {
        int threads = Runtime.getRuntime().availableProcessors();
        AtomicInteger count = new AtomicInteger();
        this.hashers = Executors.newFixedThreadPool(threads, task -> {
            Thread thread = new Thread(task, "apilab-argon2-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        byte[] random = new byte[24];
        new SecureRandom().nextBytes(random);
        this.decoyHash = hash(HexFormat.of().formatHex(random));
    }

    /** NFC first, so the same password typed on two keyboards matches; this never changes once released. */
    static String normalise(String password) {
        return Normalizer.normalize(password, Normalizer.Form.NFC);
    }

    public String hash(String password) {
        String normalised = normalise(password);
        byte[] salt = new byte[SALT_BYTES];
        RANDOM.nextBytes(salt);
        return run(() -> Argon2Hash.compute(engines.get(), normalised, salt, MEMORY_KIB, ITERATIONS, PARALLELISM, HASH_BYTES)
                .encoded());
    }

    public boolean verify(String password, String storedHash) {
        String normalised = normalise(password);
        return Argon2Hash.parse(storedHash).map(hash -> run(() -> hash.matches(engines.get(), normalised))).orElse(false);
    }

    /** Costs what a real check costs, so an unknown user cannot be told from a wrong password by time. */
    public void verifyDecoy(String password) {
        verify(password, decoyHash);
    }

    /** True when the hash was made with other parameters than today's; it is redone at the next log-in. */
    public boolean needsRehash(String storedHash) {
        return Argon2Hash.parse(storedHash)
                .map(hash -> !hash.hasParameters(MEMORY_KIB, ITERATIONS, PARALLELISM, HASH_BYTES))
                .orElse(true);
    }

    @Override
    public void close() {
        hashers.shutdownNow();
    }

    private <T> T run(Callable<T> work) {
        try {
            return hashers.submit(work).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while hashing", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("password hashing failed", e.getCause());
        }
    }
}
