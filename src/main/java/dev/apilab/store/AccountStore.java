package dev.apilab.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * All SQL for users, access tokens and grades; nothing else talks to the database. The statements
 * are plain SQL that SQLite and PostgreSQL both run the same way, and ordering is only ever by
 * integer columns, so both databases answer alike.
 */
public final class AccountStore {
    private static final String USER_COLUMNS = "id, username, password_hash, email, age, roles, created_at";
    private static final String TOKEN_COLUMNS = "public_id, user_id, secret_hash, device_name, created_at, expires_at, last_used_at";

    private final Database database;

    public record UserRow(long id, String username, String passwordHash, String email, int age, List<String> roles, long createdAt) {}

    public record NewUser(String username, String usernameKey, String passwordHash, String email, int age, List<String> roles, long createdAt) {}

    public record TokenRow(String publicId, long userId, String secretHash, String deviceName, long createdAt, long expiresAt, Long lastUsedAt) {}

    /** A token with the account it belongs to: what checking a bearer token needs, in one query. */
    public record TokenOwner(TokenRow token, UserRow user, String usernameKey) {}

    public record TokenPage(List<TokenRow> tokens, int totalCount) {}

    /** Thrown when the (case-insensitive) username is already registered. */
    public static final class UsernameTaken extends RuntimeException {
        public UsernameTaken() {
            super("username taken", null, false, false);
        }
    }

    public AccountStore(Database database) {
        this.database = database;
    }

    public Database database() {
        return database;
    }

    // ---- users

    /** Inserts the user and its first token in one transaction; a taken name throws UsernameTaken. */
    public UserRow createUser(NewUser user, TokenRow firstToken) {
        return database.write(c -> {
            long id;
            try (PreparedStatement insert = c.prepareStatement(
                    "INSERT INTO users (username, username_key, password_hash, email, age, roles, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                    Statement.RETURN_GENERATED_KEYS)) {
                insert.setString(1, user.username());
                insert.setString(2, user.usernameKey());
                insert.setString(3, user.passwordHash());
                insert.setString(4, user.email());
                insert.setInt(5, user.age());
                insert.setString(6, String.join(",", user.roles()));
                insert.setLong(7, user.createdAt());
                insert.executeUpdate();
                id = generatedId(insert);
            } catch (SQLException e) {
                if (Database.isUniqueViolation(e)) {
                    throw new UsernameTaken();
                }
                throw e;
            }
            insertToken(c, new TokenRow(firstToken.publicId(), id, firstToken.secretHash(), firstToken.deviceName(),
                    firstToken.createdAt(), firstToken.expiresAt(), null));
            return new UserRow(id, user.username(), user.passwordHash(), user.email(), user.age(), user.roles(), user.createdAt());
        });
    }

    public Optional<UserRow> findUser(String usernameKey) {
        return database.read(c -> {
            try (PreparedStatement select = c.prepareStatement(
                    "SELECT " + USER_COLUMNS + " FROM users WHERE username_key = ?")) {
                select.setString(1, usernameKey);
                try (ResultSet row = select.executeQuery()) {
                    return row.next() ? Optional.of(user(row)) : Optional.empty();
                }
            }
        });
    }

    public Optional<UserRow> updateProfile(long userId, String email, int age) {
        return database.write(c -> {
            try (PreparedStatement update = c.prepareStatement("UPDATE users SET email = ?, age = ? WHERE id = ?")) {
                update.setString(1, email);
                update.setInt(2, age);
                update.setLong(3, userId);
                if (update.executeUpdate() == 0) {
                    return Optional.empty();
                }
            }
            try (PreparedStatement select = c.prepareStatement(
                    "SELECT " + USER_COLUMNS + " FROM users WHERE id = ?")) {
                select.setLong(1, userId);
                try (ResultSet row = select.executeQuery()) {
                    row.next();
                    return Optional.of(user(row));
                }
            }
        });
    }

    public void updatePasswordHash(long userId, String passwordHash) {
        database.write(c -> update(c, "UPDATE users SET password_hash = ? WHERE id = ?", passwordHash, userId));
    }

    /** Deletes the user; its tokens and grades go with it (ON DELETE CASCADE). */
    public boolean deleteUser(long userId) {
        return database.write(c -> update(c, "DELETE FROM users WHERE id = ?", userId)) > 0;
    }

    /** DELETE /database: every row goes, the schema stays. */
    public void deleteEverything() {
        database.write(c -> {
            update(c, "DELETE FROM grades");
            update(c, "DELETE FROM access_tokens");
            update(c, "DELETE FROM users");
            return null;
        });
    }

    // ---- tokens

    /** Adds a token and, past {@code maxLive} tokens for its user, revokes the oldest. */
    public void addToken(TokenRow token, int maxLive) {
        database.write(c -> {
            insertToken(c, token);
            update(c, "DELETE FROM access_tokens WHERE user_id = ? AND seq NOT IN"
                    + " (SELECT seq FROM access_tokens WHERE user_id = ? ORDER BY seq DESC LIMIT ?)",
                    token.userId(), token.userId(), maxLive);
            return null;
        });
    }

    public Optional<TokenOwner> findTokenOwner(String publicId) {
        return database.read(c -> {
            try (PreparedStatement select = c.prepareStatement(
                    "SELECT t.public_id, t.user_id, t.secret_hash, t.device_name, t.created_at, t.expires_at, t.last_used_at,"
                            + " u.id, u.username, u.password_hash, u.email, u.age, u.roles, u.created_at, u.username_key"
                            + " FROM access_tokens t JOIN users u ON u.id = t.user_id WHERE t.public_id = ?")) {
                select.setString(1, publicId);
                try (ResultSet row = select.executeQuery()) {
                    return row.next() ? Optional.of(new TokenOwner(token(row), user(row, 8), row.getString(15))) : Optional.empty();
                }
            }
        });
    }

    /** The user's live tokens, oldest first, with the count of all of them. */
    public TokenPage listTokens(long userId, long now, int limit, long offset) {
        return database.read(c -> {
            List<TokenRow> tokens = new ArrayList<>();
            try (PreparedStatement select = c.prepareStatement(
                    "SELECT " + TOKEN_COLUMNS + " FROM access_tokens"
                            + " WHERE user_id = ? AND expires_at > ? ORDER BY seq LIMIT ? OFFSET ?")) {
                select.setLong(1, userId);
                select.setLong(2, now);
                select.setInt(3, limit);
                select.setLong(4, offset);
                try (ResultSet row = select.executeQuery()) {
                    while (row.next()) {
                        tokens.add(token(row));
                    }
                }
            }
            try (PreparedStatement count = c.prepareStatement(
                    "SELECT COUNT(*) FROM access_tokens WHERE user_id = ? AND expires_at > ?")) {
                count.setLong(1, userId);
                count.setLong(2, now);
                try (ResultSet row = count.executeQuery()) {
                    row.next();
                    return new TokenPage(tokens, row.getInt(1));
                }
            }
        });
    }

    public Optional<TokenRow> findToken(long userId, String publicId) {
        return database.read(c -> {
            try (PreparedStatement select = c.prepareStatement(
                    "SELECT " + TOKEN_COLUMNS + " FROM access_tokens"
                            + " WHERE user_id = ? AND public_id = ?")) {
                select.setLong(1, userId);
                select.setString(2, publicId);
                try (ResultSet row = select.executeQuery()) {
                    return row.next() ? Optional.of(token(row)) : Optional.empty();
                }
            }
        });
    }

    public void touchToken(String publicId, long now) {
        database.write(c -> update(c, "UPDATE access_tokens SET last_used_at = ? WHERE public_id = ?", now, publicId));
    }

    public boolean deleteToken(long userId, String publicId) {
        return database.write(c -> update(c, "DELETE FROM access_tokens WHERE user_id = ? AND public_id = ?", userId, publicId)) > 0;
    }

    public int deleteTokens(long userId) {
        return database.write(c -> update(c, "DELETE FROM access_tokens WHERE user_id = ?", userId));
    }

    public int deleteExpiredTokens(long now) {
        return database.write(c -> update(c, "DELETE FROM access_tokens WHERE expires_at <= ?", now));
    }

    // ---- grades

    /** Subject to grade (as JSON text), in insertion-independent order: callers sort. */
    public Map<String, String> grades(long userId) {
        return database.read(c -> grades(c, userId));
    }

    /** Replaces all grades (POST and PUT). */
    public Map<String, String> replaceGrades(long userId, Map<String, String> grades) {
        return database.write(c -> {
            update(c, "DELETE FROM grades WHERE user_id = ?", userId);
            upsertGrades(c, userId, grades);
            return grades(c, userId);
        });
    }

    /**
     * PATCH: sets the given subjects and removes those mapped to null, keeping the rest; refuses,
     * by returning empty, a result of more than {@code maxSubjects}.
     */
    public Optional<Map<String, String>> mergeGrades(long userId, Map<String, String> changes, int maxSubjects) {
        return database.write(c -> {
            Map<String, String> set = new LinkedHashMap<>();
            for (Map.Entry<String, String> change : changes.entrySet()) {
                if (change.getValue() == null) {
                    update(c, "DELETE FROM grades WHERE user_id = ? AND subject = ?", userId, change.getKey());
                } else {
                    set.put(change.getKey(), change.getValue());
                }
            }
            upsertGrades(c, userId, set);
            Map<String, String> result = grades(c, userId);
            if (result.size() > maxSubjects) {
                c.rollback();
                return Optional.empty();
            }
            return Optional.of(result);
        });
    }

    public void deleteGrades(long userId) {
        database.write(c -> update(c, "DELETE FROM grades WHERE user_id = ?", userId));
    }

    // ---- helpers

    private static void insertToken(Connection c, TokenRow token) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement(
                "INSERT INTO access_tokens (" + TOKEN_COLUMNS + ")"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            insert.setString(1, token.publicId());
            insert.setLong(2, token.userId());
            insert.setString(3, token.secretHash());
            insert.setString(4, token.deviceName());
            insert.setLong(5, token.createdAt());
            insert.setLong(6, token.expiresAt());
            if (token.lastUsedAt() == null) {
                insert.setNull(7, Types.BIGINT);
            } else {
                insert.setLong(7, token.lastUsedAt());
            }
            insert.executeUpdate();
        }
    }

    private static Map<String, String> grades(Connection c, long userId) throws SQLException {
        Map<String, String> grades = new LinkedHashMap<>();
        try (PreparedStatement select = c.prepareStatement("SELECT subject, grade FROM grades WHERE user_id = ?")) {
            select.setLong(1, userId);
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    grades.put(row.getString(1), row.getString(2));
                }
            }
        }
        return grades;
    }

    private static void upsertGrades(Connection c, long userId, Map<String, String> grades) throws SQLException {
        if (grades.isEmpty()) {
            return;
        }
        try (PreparedStatement upsert = c.prepareStatement(
                "INSERT INTO grades (user_id, subject, grade) VALUES (?, ?, ?)"
                        + " ON CONFLICT (user_id, subject) DO UPDATE SET grade = excluded.grade")) {
            for (Map.Entry<String, String> grade : grades.entrySet()) {
                upsert.setLong(1, userId);
                upsert.setString(2, grade.getKey());
                upsert.setString(3, grade.getValue());
                upsert.addBatch();
            }
            upsert.executeBatch();
        }
    }

    private static int update(Connection c, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement statement = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            return statement.executeUpdate();
        }
    }

    private static long generatedId(PreparedStatement insert) throws SQLException {
        try (ResultSet keys = insert.getGeneratedKeys()) {
            keys.next();
            return keys.getLong(1);
        }
    }

    private static UserRow user(ResultSet row) throws SQLException {
        return user(row, 1);
    }

    /** The user's columns, in USER_COLUMNS order, from column {@code first} on. */
    private static UserRow user(ResultSet row, int first) throws SQLException {
        String roles = row.getString(first + 5);
        return new UserRow(row.getLong(first), row.getString(first + 1), row.getString(first + 2), row.getString(first + 3),
                row.getInt(first + 4), roles.isEmpty() ? List.of() : Arrays.asList(roles.split(",")), row.getLong(first + 6));
    }

    private static TokenRow token(ResultSet row) throws SQLException {
        long lastUsedValue = row.getLong(7);
        Long lastUsed = row.wasNull() ? null : lastUsedValue;
        return new TokenRow(row.getString(1), row.getLong(2), row.getString(3), row.getString(4),
                row.getLong(5), row.getLong(6), lastUsed);
    }
}
