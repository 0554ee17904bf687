package dev.apilab.support;

import dev.apilab.App;
import dev.apilab.config.Config;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The real server for a test class: App.start on a free port with a real database (a fresh SQLite
 * file, or a fresh PostgreSQL database when APILAB_TEST_POSTGRES_URL is set), stopped after the
 * class. Register it with {@code @RegisterExtension}.
 */
public final class RunningServer implements BeforeAllCallback, AfterAllCallback, ExecutionCondition {
    private final TestDatabase.Kind kind;
    private final Map<String, String> settings;
    private final RunningServer sharedWith;
    private TestDatabase database;
    private Path folder;
    private App app;
    private Http http;

    private RunningServer(TestDatabase.Kind kind, Map<String, String> settings, RunningServer sharedWith) {
        this.kind = kind;
        this.settings = settings;
        this.sharedWith = sharedWith;
    }

    /** A second instance on the first one's database, as behind a load balancer. Register it after the first. */
    public static RunningServer anotherInstanceOf(RunningServer first) {
        return new RunningServer(first.kind, first.settings, first);
    }

    /** A server on SQLite with these extra settings, given as name, value, name, value… */
    public static RunningServer withSettings(String... nameValuePairs) {
        return on(TestDatabase.Kind.SQLITE, nameValuePairs);
    }

    public static RunningServer on(TestDatabase.Kind kind, String... nameValuePairs) {
        Map<String, String> settings = new HashMap<>();
        for (int i = 0; i < nameValuePairs.length; i += 2) {
            settings.put(nameValuePairs[i], nameValuePairs[i + 1]);
        }
        return new RunningServer(kind, settings, null);
    }

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        return TestDatabase.availability(kind);
    }

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        open();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        close();
    }

    /** Creates the database and starts the server, for test engines without JUnit extensions. */
    public void open() throws IOException {
        folder = Files.createTempDirectory("apilab-test");
        database = sharedWith == null ? TestDatabase.create(kind, folder) : sharedWith.database;
        start();
    }

    /** Stops the server and drops the database it created. */
    public void close() {
        stop();
        if (database != null && sharedWith == null) {
            database.drop();
        }
    }

    /** Starts (or starts again, on the same database) the server. */
    public void start() {
        start(database.url());
    }

    /** Starts the server on {@code databaseUrl}, e.g. the same database reached through a proxy. */
    public void start(String databaseUrl) {
        Map<String, String> values = new HashMap<>();
        values.put("PORT", "0");
        values.put("HOST", "127.0.0.1");
        values.put("DATABASE_URL", databaseUrl);
        // The suites sign up and fail log-ins by the hundred from one address; ThrottleTest sets its own limits.
        values.put("SIGNUPS_PER_ADDRESS", "1000000");
        values.put("LOGIN_FAILURES_PER_ADDRESS", "1000000");
        values.putAll(settings);
        app = App.start(Config.from(values));
        http = new Http(app.uri());
    }

    public void stop() {
        if (app != null) {
            app.close();
            app = null;
        }
    }

    public Http http() {
        return http;
    }

    public App app() {
        return app;
    }

    public TestDatabase database() {
        return database;
    }

    public TestDatabase.Kind kind() {
        return kind;
    }

    public Path folder() {
        return folder;
    }
}
