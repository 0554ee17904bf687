package dev.apilab.accounts;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One Argon2id hash in the PHC string format, {@code $argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash>}
 * (base64 without padding): the parameters and the salt travel with the hash.
 */
record Argon2Hash(int memoryKib, int iterations, int parallelism, byte[] salt, byte[] hash) {
    private static final Pattern PHC = Pattern.compile(
            "\\$argon2id\\$v=19\\$m=(\\d{1,7}),t=(\\d{1,3}),p=(\\d{1,2})\\$([A-Za-z0-9+/]{11,64})\\$([A-Za-z0-9+/]{22,128})");
    /** 256 MiB, 13 times today's cost: a hashing thread keeps the largest memory it has used, so it is bounded. */
    private static final int MAX_MEMORY_KIB = 256 * 1024;
    private static final Base64.Encoder ENCODER = Base64.getEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getDecoder();

    /** Computed on {@code engine}, the calling thread's own. */
    static Argon2Hash compute(Argon2idEngine engine, String password, byte[] salt,
            int memoryKib, int iterations, int parallelism, int length) {
        byte[] hash = engine.hash(password.getBytes(StandardCharsets.UTF_8), salt, memoryKib, iterations, parallelism, length);
        return new Argon2Hash(memoryKib, iterations, parallelism, salt, hash);
    }

    /**
     * Reads a stored hash; empty for anything that is not an Argon2id PHC string, parameters that
     * RFC 9106 does not allow (m < 8p, t or p zero) and memory over 256 MiB included.
     */
    static Optional<Argon2Hash> parse(String stored) {
        Matcher m = PHC.matcher(stored);
        if (!m.matches()) {
            return Optional.empty();
        }
        int memoryKib = Integer.parseInt(m.group(1));
        int iterations = Integer.parseInt(m.group(2));
        int parallelism = Integer.parseInt(m.group(3));
        if (iterations < 1 || parallelism < 1 || memoryKib < 8 * parallelism || memoryKib > MAX_MEMORY_KIB) {
            return Optional.empty();
        }
        return Optional.of(new Argon2Hash(memoryKib, iterations, parallelism,
                DECODER.decode(m.group(4)), DECODER.decode(m.group(5))));
    }

    /** True when {@code password} gives this hash, compared in constant time. */
    boolean matches(Argon2idEngine engine, String password) {
        byte[] computed = compute(engine, password, salt, memoryKib, iterations, parallelism, hash.length).hash;
        return MessageDigest.isEqual(hash, computed);
    }

    boolean hasParameters(int memoryKib, int iterations, int parallelism, int length) {
        return this.memoryKib == memoryKib && this.iterations == iterations && this.parallelism == parallelism
                && hash.length == length && salt.length >= 16;
    }

    String encoded() {
        return "$argon2id$v=19$m=" + memoryKib + ",t=" + iterations + ",p=" + parallelism
                + "$" + ENCODER.encodeToString(salt) + "$" + ENCODER.encodeToString(hash);
    }
}
