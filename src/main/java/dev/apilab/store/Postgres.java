package dev.apilab.store;

import com.zaxxer.hikari.HikariConfig;
import dev.apilab.config.Config;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/** The shared database: one pool sized by DATABASE_POOL_SIZE; start-up waits DATABASE_CONNECT_TIMEOUT for it. */
final class Postgres {
    private Postgres() {}

    static Database open(Config config) {
        HikariConfig hikari = new HikariConfig();
        String shown = Config.withoutPassword(config.databaseUrl());
        configureUrl(hikari, config.databaseUrl());
        hikari.setPoolName("apilab-postgres");
        hikari.setMaximumPoolSize(config.databasePoolSize());
        hikari.setMinimumIdle(Math.min(2, config.databasePoolSize()));
        // A request waits at most this long for a connection; during an outage it gets a 503.
        hikari.setConnectionTimeout(3_000);
        hikari.setValidationTimeout(2_000);
        // Containers start in any order: keep trying the first connection for this long.
        hikari.setInitializationFailTimeout(Math.max(1, config.databaseConnectTimeout().toMillis()));
        hikari.addDataSourceProperty("connectTimeout", "5");
        hikari.addDataSourceProperty("tcpKeepAlive", "true");
        hikari.addDataSourceProperty("ApplicationName", "apilab");
        return Database.postgres(Database.pool(hikari, shown), "PostgreSQL " + shown);
    }

    /** Accepts jdbc:postgresql://… as it is, and postgresql://user:password@host:port/db?… as libpq writes it. */
    private static void configureUrl(HikariConfig hikari, String url) {
        if (url.startsWith("jdbc:")) {
            hikari.setJdbcUrl(url);
            return;
        }
        URI uri = URI.create(url);
        String jdbc = "jdbc:postgresql://" + uri.getHost() + (uri.getPort() > 0 ? ":" + uri.getPort() : "")
                + (uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath())
                + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        hikari.setJdbcUrl(jdbc);
        String userInfo = uri.getRawUserInfo();
        if (userInfo != null) {
            int colon = userInfo.indexOf(':');
            hikari.setUsername(decode(colon < 0 ? userInfo : userInfo.substring(0, colon)));
            if (colon >= 0) {
                hikari.setPassword(decode(userInfo.substring(colon + 1)));
            }
        }
    }

    private static String decode(String text) {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
    }
}
