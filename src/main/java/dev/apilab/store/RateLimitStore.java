package dev.apilab.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Optional;

/** The SQL of the brute-force limits: fixed-window counters, one row a bucket, shared by every instance. */
public final class RateLimitStore {
    private final Database database;

    /** A bucket's count in its current window. */
    public record Counter(long windowStart, int hits, long lastHit) {}

    public RateLimitStore(Database database) {
        this.database = database;
    }

    /** The counter of {@code bucket} if its window is the current one. */
    public Optional<Counter> current(String bucket, long windowStart) {
        return database.read(c -> {
            try (PreparedStatement select = c.prepareStatement(
                    "SELECT window_start, hits, last_hit FROM rate_limits WHERE bucket = ? AND window_start = ?")) {
                select.setString(1, bucket);
                select.setLong(2, windowStart);
                try (ResultSet row = select.executeQuery()) {
                    return row.next() ? Optional.of(new Counter(row.getLong(1), row.getInt(2), row.getLong(3))) : Optional.empty();
                }
            }
        });
    }

    /** Counts one hit; a counter from an older window starts again at one. */
    public void hit(String bucket, long windowStart, long now) {
        database.write(c -> {
            try (PreparedStatement upsert = c.prepareStatement(
                    "INSERT INTO rate_limits (bucket, window_start, hits, last_hit) VALUES (?, ?, 1, ?)"
                            + " ON CONFLICT (bucket) DO UPDATE SET"
                            + " hits = CASE WHEN rate_limits.window_start = excluded.window_start THEN rate_limits.hits + 1 ELSE 1 END,"
                            + " window_start = excluded.window_start, last_hit = excluded.last_hit")) {
                upsert.setString(1, bucket);
                upsert.setLong(2, windowStart);
                upsert.setLong(3, now);
                return upsert.executeUpdate();
            }
        });
    }

    public void clear(String bucket) {
        database.write(c -> {
            try (PreparedStatement delete = c.prepareStatement("DELETE FROM rate_limits WHERE bucket = ?")) {
                delete.setString(1, bucket);
                return delete.executeUpdate();
            }
        });
    }

    /** Forgets counters of windows that have ended. */
    public int purgeBefore(long windowStart) {
        return database.write(c -> {
            try (PreparedStatement delete = c.prepareStatement("DELETE FROM rate_limits WHERE window_start < ?")) {
                delete.setLong(1, windowStart);
                return delete.executeUpdate();
            }
        });
    }
}
