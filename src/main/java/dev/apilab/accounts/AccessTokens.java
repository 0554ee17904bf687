package dev.apilab.accounts;

import dev.apilab.store.AccountStore.TokenRow;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The bearer token format: {@code <public id>.<secret>}, 96 random bits of id and 256 of secret,
 * base64url. The id is what listings show; only a SHA-256 of the secret is stored, so neither the
 * database nor a listing ever holds a usable credential.
 */
public final class AccessTokens {
    private static final int ID_BYTES = 12;
    private static final int SECRET_BYTES = 32;
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{16}");
    private static final Pattern TOKEN = Pattern.compile("([A-Za-z0-9_-]{16})\\.([A-Za-z0-9_-]{43})");
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    /** A freshly issued token: the bearer string, shown once, and the row that is stored. */
    public record Issued(String bearer, TokenRow row) {}

    /** A bearer string split into its parts. */
    public record Parsed(String publicId, String secret) {}

    private AccessTokens() {}

    public static Issued issue(long userId, String deviceName, long nowMillis, Duration ttl) {
        String publicId = random(ID_BYTES);
        String secret = random(SECRET_BYTES);
        TokenRow row = new TokenRow(publicId, userId, hashSecret(secret), deviceName, nowMillis, nowMillis + ttl.toMillis(), null);
        return new Issued(publicId + "." + secret, row);
    }

    public static Optional<Parsed> parse(String bearer) {
        var matcher = TOKEN.matcher(bearer);
        return matcher.matches() ? Optional.of(new Parsed(matcher.group(1), matcher.group(2))) : Optional.empty();
    }

    public static boolean isPublicId(String text) {
        return ID.matcher(text).matches();
    }

    /** Constant-time comparison, so the time taken says nothing about how much of a guess was right. */
    public static boolean secretMatches(String secret, String storedHash) {
        return MessageDigest.isEqual(hashSecret(secret).getBytes(StandardCharsets.US_ASCII),
                storedHash.getBytes(StandardCharsets.US_ASCII));
    }

    static String hashSecret(String secret) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.US_ASCII));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private static String random(int bytes) {
        byte[] buffer = new byte[bytes];
        RANDOM.nextBytes(buffer);
        return BASE64URL.encodeToString(buffer);
    }
}
