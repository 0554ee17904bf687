package dev.apilab.config;

import io.github.cdimascio.dotenv.Dotenv;
import io.github.cdimascio.dotenv.DotenvEntry;
import io.github.cdimascio.dotenv.DotenvException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * apilab's settings, read once from the environment and a .env file (a real environment variable
 * wins) and validated here, so that a bad value stops start-up with one clear line.
 */
public record Config(
        int port,
        String host,
        String databaseUrl,
        Duration tokenTtl,
        boolean allowDatabaseReset,
        List<String> corsOrigins,
        String logLevel,
        int databasePoolSize,
        Duration databaseConnectTimeout,
        Limits limits,
        Duration clientTimeout,
        int maxConnections,
        Duration shutdownGrace) {

    /** The brute-force limits, per hour: failed log-ins per account and per address, sign-ups per address. */
    public record Limits(int failuresPerAccount, int failuresPerAddress, int signUpsPerAddress) {}

    public static final List<String> LOG_LEVELS = List.of("error", "warn", "info", "debug");
    private static final Pattern ORIGIN = Pattern.compile("https?://[A-Za-z0-9.\\-\\[\\]:]+");
    private static final Duration MAX_TOKEN_TTL = Duration.ofDays(3650);

    /** The environment merged over {@code directory/.env}: what the server runs with. */
    public static Map<String, String> environment(Map<String, String> realEnvironment, Path directory) {
        Map<String, String> values = new HashMap<>();
        try {
            // An absolute folder: dotenv-java joins it with "/.env", so "" would mean the root of the disk.
            Dotenv dotenv = Dotenv.configure().directory(directory.toAbsolutePath().toString()).ignoreIfMissing().load();
            for (DotenvEntry entry : dotenv.entries(Dotenv.Filter.DECLARED_IN_ENV_FILE)) {
                values.put(entry.getKey(), entry.getValue());
            }
        } catch (DotenvException e) {
            throw new ConfigException("Could not read " + directory.resolve(".env") + ": " + e.getMessage());
        }
        values.putAll(realEnvironment);
        return values;
    }

    /** Validates every variable of SPEC §1; an empty value counts as unset. */
    public static Config from(Map<String, String> values) {
        Settings s = new Settings(values);
        int port = s.read("PORT", "3001", v -> integer(v, 0, 65535), "a whole number from 0 to 65535 (0 picks a free port)");
        String host = s.read("HOST", "127.0.0.1", Config::host, "an IP address or a name of this machine, such as 127.0.0.1 or 0.0.0.0");
        String databaseUrl = s.read("DATABASE_URL", "jdbc:sqlite:data/apilab.db", Config::databaseUrl,
                "jdbc:sqlite:<file>, jdbc:postgresql://host:port/db or postgresql://user:password@host/db");
        Duration tokenTtl = s.read("TOKEN_TTL", "24h", v -> positiveDuration(v, MAX_TOKEN_TTL),
                "a duration from 1s to 3650d such as 30m, 12h, 7d or PT1H");
        boolean loopback = isLoopback(host);
        boolean allowReset = s.read("ALLOW_DATABASE_RESET", Boolean.toString(loopback), Config::bool, "true or false");
        List<String> cors = s.read("CORS_ORIGINS", "*", Config::origins, "* or a comma-separated list of origins such as http://localhost:5173");
        String logLevel = s.read("LOG_LEVEL", "info", Config::logLevel, "one of " + String.join(", ", LOG_LEVELS));
        int poolSize = s.read("DATABASE_POOL_SIZE", "10", v -> integer(v, 1, 200), "a whole number from 1 to 200");
        Duration connectTimeout = s.read("DATABASE_CONNECT_TIMEOUT", "30s", v -> duration(v, Duration.ZERO, Duration.ofHours(1)),
                "a duration from 0s to 1h such as 30s or 2m");
        String perHour = "a whole number from 1 to 1000000 (per hour)";
        Limits limits = new Limits(
                s.read("LOGIN_FAILURES_PER_ACCOUNT", "100", v -> integer(v, 1, 1_000_000), perHour),
                s.read("LOGIN_FAILURES_PER_ADDRESS", "300", v -> integer(v, 1, 1_000_000), perHour),
                s.read("SIGNUPS_PER_ADDRESS", "60", v -> integer(v, 1, 1_000_000), perHour));
        Duration clientTimeout = s.read("CLIENT_TIMEOUT", "30s", v -> duration(v, Duration.ofSeconds(1), Duration.ofHours(1)),
                "a duration from 1s to 1h such as 30s");
        int maxConnections = s.read("MAX_CONNECTIONS", "10000", v -> integer(v, 1, 1_000_000), "a whole number from 1 to 1000000");
        Duration shutdownGrace = s.read("SHUTDOWN_GRACE", "10s", v -> duration(v, Duration.ZERO, Duration.ofMinutes(10)),
                "a duration from 0s to 10m such as 10s");
        return new Config(port, host, databaseUrl, tokenTtl, allowReset, cors, logLevel, poolSize, connectTimeout, limits,
                clientTimeout, maxConnections, shutdownGrace);
    }

    public boolean sharedOnNetwork() {
        try {
            return InetAddress.getByName(host).isAnyLocalAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /** The database URL as it may be printed or logged: a password in it is masked. */
    public static String withoutPassword(String url) {
        return url.replaceAll("(://[^:/@]+:)[^@/]*@", "$1***@").replaceAll("(?i)(password=)[^&]*", "$1***");
    }

    public boolean usesPostgres() {
        return !databaseUrl.startsWith("jdbc:sqlite:");
    }

    /** Reads one variable, turning any parse failure into the one-line message. */
    private record Settings(Map<String, String> values) {
        <T> T read(String name, String fallback, Function<String, T> parse, String allowed) {
            String raw = values.get(name);
            String value = raw == null || raw.isBlank() ? fallback : raw.strip();
            try {
                return parse.apply(value);
            } catch (IllegalArgumentException e) {
                String shown = name.equals("DATABASE_URL") ? withoutPassword(value) : value;
                throw ConfigException.invalid(name, shown, "expected " + allowed);
            }
        }
    }

    private static int integer(String value, int min, int max) {
        int parsed = Integer.parseInt(value);
        if (parsed < min || parsed > max) {
            throw new IllegalArgumentException("out of range");
        }
        return parsed;
    }

    private static Duration positiveDuration(String value, Duration max) {
        return duration(value, Duration.ofSeconds(1), max);
    }

    private static Duration duration(String value, Duration min, Duration max) {
        Duration parsed = Durations.parse(value);
        if (parsed.compareTo(min) < 0 || parsed.compareTo(max) > 0) {
            throw new IllegalArgumentException("out of range");
        }
        return parsed;
    }

    private static String host(String value) {
        try {
            InetAddress.getByName(value);
            return value;
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("unknown host");
        }
    }

    private static boolean isLoopback(String host) {
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static String databaseUrl(String value) {
        boolean sqlite = value.startsWith("jdbc:sqlite:") && value.length() > "jdbc:sqlite:".length();
        boolean postgres = value.startsWith("jdbc:postgresql://") || value.startsWith("postgresql://") || value.startsWith("postgres://");
        if (!sqlite && !postgres) {
            throw new IllegalArgumentException("unsupported database");
        }
        return value;
    }

    private static boolean bool(String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "true", "yes", "1", "on" -> true;
            case "false", "no", "0", "off" -> false;
            default -> throw new IllegalArgumentException("not a boolean");
        };
    }

    private static List<String> origins(String value) {
        List<String> origins = Arrays.stream(value.split(",")).map(String::strip).filter(o -> !o.isEmpty()).toList();
        for (String origin : origins) {
            if (!origin.equals("*") && !ORIGIN.matcher(origin).matches()) {
                throw new IllegalArgumentException("not an origin");
            }
        }
        if (origins.isEmpty()) {
            throw new IllegalArgumentException("empty");
        }
        return origins;
    }

    private static String logLevel(String value) {
        String level = value.toLowerCase(Locale.ROOT);
        if (!LOG_LEVELS.contains(level)) {
            throw new IllegalArgumentException("unknown level");
        }
        return level;
    }
}
