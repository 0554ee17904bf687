package dev.apilab;

import dev.apilab.config.Config;
import dev.apilab.config.ConfigException;
import dev.apilab.console.Banner;
import dev.apilab.console.Logs;
import dev.apilab.console.ShutdownSafeLogManager;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The command line: {@code apilab [serve] [--port N] [--host H]}; serve is the default command. */
@Command(name = "apilab", mixinStandardHelpOptions = true, versionProvider = Main.VersionProvider.class,
        description = "The API tutorial's server: tutorial endpoints and a secure account API.%n"
                + "Settings come from the environment and ./.env (see example.env); flags win over both.",
        subcommands = Main.Serve.class)
public final class Main implements Callable<Integer> {
    /** Exit code for a configuration or start-up problem, the same as picocli's for a bad flag. */
    static final int BAD_CONFIGURATION = 2;

    @Mixin
    ServeOptions options;

    public static void main(String[] args) {
        if (System.getProperty(ShutdownSafeLogManager.PROPERTY) == null) {
            System.setProperty(ShutdownSafeLogManager.PROPERTY, ShutdownSafeLogManager.class.getName());
        }
        System.exit(new CommandLine(new Main()).execute(args));
    }

    @Override
    public Integer call() {
        return options.serve();
    }

    @Command(name = "serve", mixinStandardHelpOptions = true, versionProvider = Main.VersionProvider.class,
            description = "Run the server (the default command).")
    static final class Serve implements Callable<Integer> {
        @Mixin
        ServeOptions options;

        @Override
        public Integer call() {
            return options.serve();
        }
    }

    static final class ServeOptions {
        @Option(names = "--port", paramLabel = "N", description = "Listening port; overrides PORT (0 picks a free one).")
        Integer port;

        @Option(names = "--host", paramLabel = "ADDRESS", description = "Bind address; overrides HOST (0.0.0.0 shares it on the network).")
        String host;

        int serve() {
            App app;
            try {
                Map<String, String> values = new HashMap<>(Config.environment(System.getenv(), Path.of("").toAbsolutePath()));
                if (port != null) values.put("PORT", port.toString());
                if (host != null) values.put("HOST", host);
                Config config = Config.from(values);
                Logs.configure(config.logLevel(), System.out);
                app = App.start(config);
                Banner.print(System.out, Version.current(), config, app.port(), app.databaseDescription());
            } catch (ConfigException e) {
                System.err.println("apilab: " + e.getMessage());
                return BAD_CONFIGURATION;
            }
            // SIGTERM or Ctrl+C: stop accepting, let requests in flight finish (SHUTDOWN_GRACE), close
            // the database, and exit 0, as a clean stop; halt, since the JVM would otherwise report the signal.
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                System.out.println("Stopping: finishing requests in flight…");
                app.close();
                System.out.println("apilab stopped.");
                System.out.flush();
                Runtime.getRuntime().halt(0);
            }, "apilab-shutdown"));
            try {
                new CountDownLatch(1).await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return 0;
        }
    }

    static final class VersionProvider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"apilab " + Version.current()};
        }
    }
}
