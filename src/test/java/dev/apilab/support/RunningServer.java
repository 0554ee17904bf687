package dev.apilab.support;

import dev.apilab.App;
import dev.apilab.config.Config;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The real server for a test class: App.start on a free port with a real database file in a
 * fresh folder, stopped after the class. Register it with {@code @RegisterExtension}.
 */
public final class RunningServer implements BeforeAllCallback, AfterAllCallback {
    private final Map<String, String> settings;
    private Path folder;
    private App app;
    private Http http;

    private RunningServer(Map<String, String> settings) {
        this.settings = settings;
    }

    /** A server on SQLite with these extra settings, given as name, value, name, value… */
    public static RunningServer withSettings(String... nameValuePairs) {
        Map<String, String> settings = new HashMap<>();
        for (int i = 0; i < nameValuePairs.length; i += 2) {
            settings.put(nameValuePairs[i], nameValuePairs[i + 1]);
        }
        return new RunningServer(settings);
    }

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        stop();
    }

    public void start() throws IOException {
        folder = Files.createTempDirectory("apilab-test");
        Map<String, String> values = new HashMap<>();
        values.put("PORT", "0");
        values.put("HOST", "127.0.0.1");
        values.put("DATABASE_URL", "jdbc:sqlite:" + folder.resolve("apilab.db"));
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

    public Path folder() {
        return folder;
    }

    public Path databaseFile() {
        return folder.resolve("apilab.db");
    }

    static void deleteQuietly(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
