package dev.apilab.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.apilab.config.Config;
import dev.apilab.config.ConfigException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/** The embedded database: one file, WAL mode, foreign keys on; a single writer and a few readers. */
final class Sqlite {
    private static final String PREFIX = "jdbc:sqlite:";
    private static final int READERS = 4;

    private Sqlite() {}

    static Database open(Config config) {
        String url = config.databaseUrl();
        Path file = file(url);
        try {
            Path folder = file.toAbsolutePath().getParent();
            if (folder != null) {
                Files.createDirectories(folder);
            }
        } catch (IOException e) {
            throw new ConfigException("Cannot create the folder of DATABASE_URL=\"" + url + "\": " + e.getMessage());
        }
        HikariDataSource writer = Database.pool(hikari(url, 1, "apilab-sqlite-writer"), url);
        HikariDataSource readers;
        try {
            readers = Database.pool(hikari(url, READERS, "apilab-sqlite-readers"), url);
        } catch (RuntimeException e) {
            writer.close();
            throw e;
        }
        return Database.sqlite(readers, writer, "SQLite " + file);
    }

    static Path file(String url) {
        String path = url.substring(PREFIX.length());
        int query = path.indexOf('?');
        if (query >= 0) {
            path = path.substring(0, query);
        }
        if (path.startsWith("file:")) {
            path = path.substring("file:".length());
        }
        if (path.isBlank() || path.contains(":memory:") || path.contains("mode=memory")) {
            throw new ConfigException("Invalid DATABASE_URL=\"" + url + "\": expected a file, such as jdbc:sqlite:data/apilab.db"
                    + " (an in-memory SQLite database would not be shared between connections)");
        }
        return Path.of(path);
    }

    private static HikariConfig hikari(String url, int size, String name) {
        SQLiteConfig sqlite = new SQLiteConfig();
        sqlite.setJournalMode(SQLiteConfig.JournalMode.WAL);
        // NORMAL in WAL mode: a commit survives a crash of this process; see README, Reliability.
        sqlite.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
        sqlite.enforceForeignKeys(true);
        sqlite.setBusyTimeout(5_000);
        SQLiteDataSource source = new SQLiteDataSource(sqlite);
        source.setUrl(url);
        HikariConfig hikari = new HikariConfig();
        hikari.setDataSource(source);
        hikari.setPoolName(name);
        hikari.setMaximumPoolSize(size);
        hikari.setMinimumIdle(size);
        hikari.setConnectionTimeout(10_000);
        // A file connection never goes stale; keeping it keeps its prepared statements (StatementCache).
        hikari.setMaxLifetime(0);
        hikari.setIdleTimeout(0);
        return hikari;
    }
}
