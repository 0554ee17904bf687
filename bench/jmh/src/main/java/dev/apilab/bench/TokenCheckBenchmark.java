package dev.apilab.bench;

import dev.apilab.accounts.AccessTokens;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What every authenticated request pays before its database lookup: splitting the bearer string
 * and checking its secret (SHA-256, then a constant-time compare with the stored hash).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class TokenCheckBenchmark {
    private String bearer;
    private String secret;
    private String storedHash;
    private byte[] storedHashBytes;
    private MessageDigest sha256;

    @Setup
    public void issue() throws NoSuchAlgorithmException {
        AccessTokens.Issued issued = AccessTokens.issue(1, "bench", System.currentTimeMillis(), Duration.ofHours(1));
        bearer = issued.bearer();
        secret = bearer.substring(bearer.indexOf('.') + 1);
        storedHash = issued.row().secretHash();
        storedHashBytes = storedHash.getBytes(StandardCharsets.US_ASCII);
        sha256 = MessageDigest.getInstance("SHA-256");
    }

    /** AccessTokens.parse: the regular expression that splits id and secret. */
    @Benchmark
    public Optional<AccessTokens.Parsed> parse() {
        return AccessTokens.parse(bearer);
    }

    /** AccessTokens.secretMatches: SHA-256 of the secret, hex, constant-time compare. */
    @Benchmark
    public boolean secretMatches() {
        return AccessTokens.secretMatches(secret, storedHash);
    }

    /** Both, as Accounts.authenticate runs them. */
    @Benchmark
    public boolean parseAndCheck() {
        AccessTokens.Parsed parsed = AccessTokens.parse(bearer).orElseThrow();
        return AccessTokens.secretMatches(parsed.secret(), storedHash);
    }

    /** Reference: the same check with a reused digest, no provider lookup; the floor for secretMatches. */
    @Benchmark
    public boolean reusedDigestReference() {
        byte[] digest = sha256.digest(secret.getBytes(StandardCharsets.US_ASCII));
        return MessageDigest.isEqual(HexFormat.of().formatHex(digest).getBytes(StandardCharsets.US_ASCII), storedHashBytes);
    }
}
