package dev.apilab.support;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;

/**
 * A fresh database for one test class: an SQLite file in a temporary folder, or a new PostgreSQL
 * database on the server named by APILAB_TEST_POSTGRES_URL (dropped afterwards).
 */
public final class TestDatabase {
    public static final String POSTGRES_VARIABLE = "APILAB_TEST_POSTGRES_URL";
    private static boolean skipNoticePrinted;

    public enum Kind { SQLITE, POSTGRESQL }

    private final Kind kind;
    private final String url;
    private final String adminUrl;
    private final String name;

    private TestDatabase(Kind kind, String url, String adminUrl, String name) {
        this.kind = kind;
        this.url = url;
        this.adminUrl = adminUrl;
        this.name = name;
    }

    static synchronized ConditionEvaluationResult availability(Kind kind) {
        if (kind == Kind.SQLITE || postgresAdminUrl() != null) {
            return ConditionEvaluationResult.enabled("database available");
        }
        String reason = POSTGRES_VARIABLE + " is not set: PostgreSQL tests skipped"
                + " (set it to e.g. jdbc:postgresql://127.0.0.1:5432/test?user=postgres to run them)";
        if (!skipNoticePrinted) {
            System.out.println("[apilab] " + reason);
            skipNoticePrinted = true;
        }
        return ConditionEvaluationResult.disabled(reason);
    }

    static TestDatabase create(Kind kind, Path folder) {
        if (kind == Kind.SQLITE) {
            return new TestDatabase(kind, "jdbc:sqlite:" + folder.resolve("apilab.db"), null, null);
        }
        String admin = postgresAdminUrl();
        String name = "apilab_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection c = DriverManager.getConnection(admin); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create a test database on " + admin, e);
        }
        return new TestDatabase(kind, withDatabase(admin, name), admin, name);
    }

    private static String postgresAdminUrl() {
        String url = System.getenv(POSTGRES_VARIABLE);
        return url == null || url.isBlank() ? null : url;
    }

    /** jdbc:postgresql://host:port/db?params with db replaced. */
    static String withDatabase(String adminUrl, String database) {
        int slash = adminUrl.indexOf('/', "jdbc:postgresql://".length());
        int query = adminUrl.indexOf('?');
        String rest = query < 0 ? "" : adminUrl.substring(query);
        return adminUrl.substring(0, slash + 1) + database + rest;
    }

    public String url() {
        return url;
    }

    public Kind kind() {
        return kind;
    }

    void drop() {
        if (kind != Kind.POSTGRESQL) {
            return;
        }
        try (Connection c = DriverManager.getConnection(adminUrl); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        } catch (SQLException e) {
            System.out.println("[apilab] could not drop test database " + name + ": " + e.getMessage());
        }
    }

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(url);
    }

    /** Every value of every row of a query, as text: for checking what is at rest. */
    public List<String> allValues(String sql, Object... parameters) {
        List<String> values = new ArrayList<>();
        try (Connection c = connect(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                s.setObject(i + 1, parameters[i]);
            }
            try (ResultSet row = s.executeQuery()) {
                int columns = row.getMetaData().getColumnCount();
                while (row.next()) {
                    for (int i = 1; i <= columns; i++) {
                        values.add(String.valueOf(row.getString(i)));
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return values;
    }

    public int execute(String sql, Object... parameters) {
        try (Connection c = connect(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                s.setObject(i + 1, parameters[i]);
            }
            return s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
