package dev.apilab.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.apilab.App;
import dev.apilab.config.Config;
import dev.apilab.config.ConfigException;
import dev.apilab.support.RunningServer;
import dev.apilab.support.TestDatabase;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class DatabaseStartupTest {
    @RegisterExtension
    static final RunningServer postgres = RunningServer.on(TestDatabase.Kind.POSTGRESQL);

    private static Config config(String databaseUrl, String timeout) {
        return Config.from(Map.of("PORT", "0", "DATABASE_URL", databaseUrl, "DATABASE_CONNECT_TIMEOUT", timeout));
    }

    @Test
    void anUnreachableDatabaseStopsStartUpWithOneLineAfterRetrying() {
        long started = System.nanoTime();
        assertThatThrownBy(() -> App.start(config("postgresql://apilab:s3cret@127.0.0.1:1/apilab", "2s")))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("Cannot connect to the database at postgresql://apilab:***@127.0.0.1:1/apilab: ")
                .hasMessageNotContaining("s3cret")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
        assertThat((System.nanoTime() - started) / 1_000_000).isGreaterThanOrEqualTo(1_500);
    }

    @Test
    void wrongCredentialsStopStartUpWithOneLine() {
        String url = postgres.database().url().replaceAll("user=[^&]*", "user=no_such_role");
        assertThatThrownBy(() -> App.start(config(url, "0s")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("Cannot connect to the database")
                .hasMessageContaining("no_such_role");
    }

    @Test
    void theLibpqUrlFormWorksToo() {
        String jdbc = postgres.database().url();
        String host = jdbc.substring("jdbc:postgresql://".length(), jdbc.indexOf('/', "jdbc:postgresql://".length()));
        String database = jdbc.substring(jdbc.lastIndexOf('/') + 1, jdbc.indexOf('?'));
        try (App app = App.start(config("postgresql://postgres@" + host + "/" + database, "5s"))) {
            assertThat(app.databaseDescription()).startsWith("PostgreSQL postgresql://postgres@");
            assertThat(app.database().answers()).isTrue();
        }
    }
}
