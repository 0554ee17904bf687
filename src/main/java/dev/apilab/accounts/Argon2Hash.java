package dev.apilab.accounts;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * One Argon2id hash in the PHC string format, {@code $argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash>}
 * (base64 without padding): the parameters and the salt travel with the hash.
 */
record Argon2Hash(int memoryKib, int iterations, int parallelism, byte[] salt, byte[] hash) {
    private static final Pattern PHC = Pattern.compile(
            "\\$argon2id\\$v=19\\$m=(\\d{1,7}),t=(\\d{1,3}),p=(\\d{1,2})\\$([A-Za-z0-9+/]{11,64})\\$([A-Za-z0-9+/]{22,128})");
    private static final Base64.Encoder ENCODER = Base64.getEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getDecoder();

    static Argon2Hash compute(String password, byte[] salt, int memoryKib, int iterations, int parallelism, int length) {
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withMemoryAsKB(memoryKib)
                .withIterations(iterations)
                .withParallelism(parallelism)
                .withSalt(salt)
                .build());
        byte[] hash = new byte[length];
        generator.generateBytes(password.getBytes(StandardCharsets.UTF_8), hash);
        return new Argon2Hash(memoryKib, iterations, parallelism, salt, hash);
    }

    /** Reads a stored hash; empty for anything that is not an Argon2id PHC string. */
    static Optional<Argon2Hash> parse(String stored) {
        Matcher m = PHC.matcher(stored);
        if (!m.matches()) {
            return Optional.empty();
        }
        return Optional.of(new Argon2Hash(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                Integer.parseInt(m.group(3)), DECODER.decode(m.group(4)), DECODER.decode(m.group(5))));
    }

    /** True when {@code password} gives this hash, compared in constant time. */
    boolean matches(String password) {
        return MessageDigest.isEqual(hash, compute(password, salt, memoryKib, iterations, parallelism, hash.length).hash);
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
