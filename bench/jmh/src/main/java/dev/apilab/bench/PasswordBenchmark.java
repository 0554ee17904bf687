package dev.apilab.bench;

import dev.apilab.accounts.Passwords;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Argon2id as apilab runs it (dev.apilab.accounts.Passwords: m=19 MiB, t=2, p=1, its own engine on
 * each of its threads, one per core). verify is what one log-in costs; cores / verify is the log-in
 * ceiling. bouncyCastleVerify is the same hash with Bouncy Castle's generator, which apilab used
 * before, for comparison (on the calling thread; -prof gc shows its 20 MiB of blocks per hash).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class PasswordBenchmark {
    private static final String PASSWORD = "correct horse battery staple";
    private static final byte[] SALT = "sixteen byte sal".getBytes(StandardCharsets.US_ASCII);

    private Passwords passwords;
    private String storedHash;

    @Setup
    public void start() {
        passwords = new Passwords();
        storedHash = passwords.hash(PASSWORD);
    }

    @TearDown
    public void stop() {
        passwords.close();
    }

    /** Sign-up: a new salt and a new hash. */
    @Benchmark
    public String hash() {
        return passwords.hash(PASSWORD);
    }

    /** Log-in: one verification against a stored hash. */
    @Benchmark
    public boolean verify() {
        return passwords.verify(PASSWORD, storedHash);
    }

    /** Two callers at once, as two cores of log-ins: shows whether verify scales with the cores. */
    @Benchmark
    @Threads(2)
    public boolean verifyTwoCallers() {
        return passwords.verify(PASSWORD, storedHash);
    }

    /** The same hash by Bouncy Castle's Argon2BytesGenerator, as Passwords computed it before. */
    @Benchmark
    public byte[] bouncyCastleVerify() {
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withMemoryAsKB(19 * 1024)
                .withIterations(2)
                .withParallelism(1)
                .withSalt(SALT)
                .build());
        byte[] hash = new byte[32];
        generator.generateBytes(PASSWORD.getBytes(StandardCharsets.UTF_8), hash);
        return hash;
    }

    /** Bouncy Castle on two threads at once: its garbage and GC shared between two hashes. */
    @Benchmark
    @Threads(2)
    public byte[] bouncyCastleVerifyTwoCallers() {
        return bouncyCastleVerify();
    }
}
