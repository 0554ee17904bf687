package dev.apilab.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool;
import dev.apilab.config.Config;
import dev.apilab.config.ConfigException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.sql.Statement;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;

/**
 * The connection pools and schema migrations of either database. On SQLite, writes go through one
 * connection behind a Java lock, so no request ever waits for SQLite's lock inside native code
 * (where a virtual thread would pin its carrier); reads use their own connections, which WAL mode
 * never blocks. On PostgreSQL one pool serves both and the database orders concurrent writes.
 */
public final class Database implements AutoCloseable {
    public enum Dialect { SQLITE, POSTGRESQL }

    private final Dialect dialect;
    private final HikariDataSource readers;
    private final HikariDataSource writers;
    /** SQLite's one writer, taken in Java; null on PostgreSQL, which orders concurrent writers itself. */
    private final Lock writeLock;
    private final String description;
    /** SQLite only: pgjdbc keeps its own prepared statements per connection. */
    private final StatementCache statements;

    private Database(Dialect dialect, HikariDataSource readers, HikariDataSource writers, Lock writeLock, String description,
                     StatementCache statements) {
        this.dialect = dialect;
        this.readers = readers;
        this.writers = writers;
        this.writeLock = writeLock;
        this.description = description;
        this.statements = statements;
    }

    /** Opens the database of {@code config}, creating or upgrading its schema (never dropping it). */
    public static Database open(Config config) {
        Database database = config.usesPostgres() ? Postgres.open(config) : Sqlite.open(config);
        try {
            database.migrate();
            return database;
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
    }

    static Database sqlite(HikariDataSource readers, HikariDataSource writer, String description) {
        return new Database(Dialect.SQLITE, readers, writer, new ReentrantLock(), description, new StatementCache());
    }

    static Database postgres(HikariDataSource pool, String description) {
        return new Database(Dialect.POSTGRESQL, pool, pool, null, description, null);
    }

    static HikariDataSource pool(HikariConfig hikari, String shownUrl) {
        try {
            return new HikariDataSource(hikari);
        } catch (HikariPool.PoolInitializationException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new ConfigException("Cannot connect to the database at " + shownUrl + ": " + firstLine(cause.getMessage()));
        }
    }

    public Dialect dialect() {
        return dialect;
    }

    /** For the start-up banner: which database, where (never a password). */
    public String description() {
        return description;
    }

    /** Runs read-only work on a reader connection. */
    public <T> T read(SqlWork<T> work) {
        try (Connection connection = readers.getConnection()) {
            return work.run(prepared(connection));
        } catch (SQLException e) {
            throw translate(e);
        }
    }

    /** Runs work in one transaction: committed when it returns, rolled back when it throws. */
    public <T> T write(SqlWork<T> work) {
        if (writeLock != null) {
            writeLock.lock();
        }
        try (Connection connection = writers.getConnection()) {
            connection.setAutoCommit(false);
            try {
                T result = work.run(prepared(connection));
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                rollbackQuietly(connection);
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw translate(e);
        } finally {
            if (writeLock != null) {
                writeLock.unlock();
            }
        }
    }

    /** True when a trivial query answers: what /healthz reports. */
    public boolean answers() {
        try {
            return read(connection -> {
                try (Statement statement = connection.createStatement()) {
                    return statement.execute("SELECT 1");
                }
            });
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** True for a violated unique constraint, in either database's words. */
    public static boolean isUniqueViolation(SQLException e) {
        if ("23505".equals(e.getSQLState())) {
            return true;
        }
        String message = String.valueOf(e.getMessage());
        return e.getErrorCode() == 19 && message.contains("UNIQUE");
    }

    @Override
    public void close() {
        if (statements != null) {
            statements.close();
        }
        readers.close();
        writers.close();
    }

    private Connection prepared(Connection pooled) throws SQLException {
        return statements == null ? pooled : statements.wrap(pooled);
    }

    private void migrate() {
        DataSource target = writers;
        try {
            Flyway.configure()
                    .dataSource(target)
                    .locations("classpath:db/migration/common", "classpath:db/migration/" + dialect.name().toLowerCase())
                    .load()
                    .migrate();
        } catch (FlywayException e) {
            throw new ConfigException("Cannot prepare the database schema: " + firstLine(e.getMessage()));
        }
    }

    private static RuntimeException translate(SQLException e) {
        if (e instanceof SQLTransientConnectionException || (e.getSQLState() != null && e.getSQLState().startsWith("08"))) {
            return new DatabaseUnavailableException(e);
        }
        return new IllegalStateException("database error: " + e.getMessage(), e);
    }

    private static void rollbackQuietly(Connection connection) {
        try {
            connection.rollback();
        } catch (SQLException ignored) {
            // The original failure is the one worth reporting.
        }
    }

    static String firstLine(String message) {
        if (message == null) {
            return "no details";
        }
        int end = message.indexOf('\n');
        return (end < 0 ? message : message.substring(0, end)).strip();
    }

}
