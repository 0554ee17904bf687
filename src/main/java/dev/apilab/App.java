package dev.apilab;

import dev.apilab.accounts.Accounts;
import dev.apilab.accounts.BearerAuth;
import dev.apilab.accounts.DatabaseResetService;
import dev.apilab.accounts.GradesService;
import dev.apilab.accounts.Passwords;
import dev.apilab.accounts.Throttle;
import dev.apilab.accounts.TokensService;
import dev.apilab.accounts.UsersService;
import dev.apilab.config.Config;
import dev.apilab.config.ConfigException;
import dev.apilab.docs.DocsService;
import dev.apilab.http.AccessLog;
import dev.apilab.http.ClientDeadlines;
import dev.apilab.http.Cors;
import dev.apilab.http.Errors;
import dev.apilab.http.Json;
import dev.apilab.http.PreRoutingAnswers;
import dev.apilab.http.RouteTable;
import dev.apilab.http.SecurityHeaders;
import dev.apilab.store.AccountStore;
import dev.apilab.store.Database;
import dev.apilab.store.RateLimitStore;
import dev.apilab.tutorial.SumService;
import dev.apilab.tutorial.TutorialService;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http1.Http1Config;
import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.Locale;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** The composition root: App.start(config) wires every part together and returns the running server. */
public final class App implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger("apilab.app");
    private static final Duration EXPIRED_TOKEN_SWEEP = Duration.ofMinutes(10);

    private final WebServer server;
    private final Database database;
    private final Passwords passwords;
    private final ScheduledExecutorService sweeper;
    private final ClientDeadlines deadlines;
    private final List<RouteTable.Endpoint> endpoints;

    private App(WebServer server, Database database, Passwords passwords, ScheduledExecutorService sweeper, ClientDeadlines deadlines,
            List<RouteTable.Endpoint> endpoints) {
        this.server = server;
        this.database = database;
        this.passwords = passwords;
        this.sweeper = sweeper;
        this.deadlines = deadlines;
        this.endpoints = endpoints;
    }

    public static App start(Config config) {
        checkCanListen(config);
        Database database = Database.open(config);
        Passwords passwords = new Passwords();
        Throttle throttle = new Throttle(new RateLimitStore(database), config.limits(), Clock.systemUTC());
        Accounts accounts = new Accounts(new AccountStore(database), passwords, config.tokenTtl(), throttle, Clock.systemUTC(),
                database.dialect() == Database.Dialect.SQLITE);
        HttpRouting.Builder routing = HttpRouting.builder();
        List<RouteTable.Endpoint> endpoints = routing(routing, config, database, accounts);
        // 8 KiB request lines and 16 KiB of headers, as common servers allow; past that a 414 or 431.
        Http1Config.Builder http1 = Http1Config.builder().maxPrologueLength(8192).maxHeadersSize(16384);
        ClientDeadlines deadlines = new ClientDeadlines(http1, config.clientTimeout());
        WebServer server = WebServer.builder()
                .host(config.host())
                .port(config.port())
                .maxPayloadSize(Json.MAX_BODY_BYTES)
                .maxTcpConnections(config.maxConnections())
                .shutdownGracePeriod(config.shutdownGrace())
                .shutdownHook(false)
                // HTTP/1.1 only, through the selector that holds clients to CLIENT_TIMEOUT (idle, slow or stalled).
                .protocolsDiscoverServices(false)
                .addConnectionSelector(deadlines)
                .directHandlers(PreRoutingAnswers.all())
                // Say what was wrong with a malformed request line or header, not just "Bad Request".
                .errorHandling(handling -> handling.includeEntity(true))
                .routing(routing)
                .build();
        server.start();
        if (!server.isRunning()) {
            deadlines.close();
            passwords.close();
            database.close();
            throw new ConfigException("Cannot listen on " + config.host() + ":" + config.port() + " (see the log above)");
        }
        return new App(server, database, passwords, sweepExpiredTokens(accounts), deadlines, endpoints);
    }

    /** Every route of the API, in the order a reader of the notebook meets them; returns what was registered. */
    static List<RouteTable.Endpoint> routing(HttpRouting.Builder routing, Config config, Database database, Accounts accounts) {
        BearerAuth auth = new BearerAuth(accounts);
        routing.addFilter(new AccessLog())
                .addFilter(new SecurityHeaders())
                .addFilter(new Cors(config.corsOrigins()));
        Errors.register(routing);
        RouteTable table = new RouteTable(routing)
                .register(new TutorialService(), new SumService(), new HealthService(database::answers))
                .register(new UsersService(accounts, auth), new GradesService(accounts, auth), new TokensService(accounts, auth))
                .register(new DatabaseResetService(accounts, config.allowDatabaseReset()))
                .register(new DocsService());
        table.addFallback();
        return table.endpoints();
    }

    public int port() {
        return server.port();
    }

    public String databaseDescription() {
        return database.description();
    }

    public Database database() {
        return database;
    }

    /** Every (method, path) the server routes, as its route table registered them. */
    public List<RouteTable.Endpoint> endpoints() {
        return endpoints;
    }

    public URI uri() {
        return URI.create("http://127.0.0.1:" + port());
    }

    @Override
    public void close() {
        server.stop();
        sweeper.shutdownNow();
        deadlines.close();
        passwords.close();
        database.close();
    }

    private static ScheduledExecutorService sweepExpiredTokens(Accounts accounts) {
        ScheduledExecutorService sweeper = Executors.newSingleThreadScheduledExecutor(Thread.ofVirtual().name("apilab-sweeper").factory());
        sweeper.scheduleWithFixedDelay(() -> {
            try {
                int purged = accounts.purgeExpired();
                if (purged > 0) {
                    LOG.log(System.Logger.Level.INFO, "purged " + purged + " expired access tokens");
                }
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "could not purge expired tokens: " + e.getMessage());
            }
        }, 0, EXPIRED_TOKEN_SWEEP.toSeconds(), TimeUnit.SECONDS);
        return sweeper;
    }

    /**
     * Helidon logs a failed bind and carries on without the listener, so the usual causes (port
     * taken, privileged port, foreign address) are checked first and told in one line.
     */
    private static void checkCanListen(Config config) {
        if (config.port() == 0) {
            return;
        }
        try (ServerSocket probe = new ServerSocket()) {
            probe.setReuseAddress(true);
            probe.bind(new InetSocketAddress(config.host(), config.port()));
        } catch (BindException e) {
            String reason = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
            if (reason.contains("permission") || reason.contains("access")) {
                throw new ConfigException("Cannot listen on port " + config.port()
                        + ": ports below 1024 need administrator rights; use a port from 1024 to 65535 (PORT or --port)");
            }
            if (reason.contains("assign")) {
                throw new ConfigException("Cannot listen on " + config.host()
                        + ": it is not an address of this machine; use 127.0.0.1 or 0.0.0.0 (HOST or --host)");
            }
            throw new ConfigException("Cannot listen on port " + config.port() + " of " + config.host()
                    + ": it is already in use by another program; stop it or choose another port with PORT or --port"
                    + " (0 picks a free one)");
        } catch (IOException e) {
            throw new ConfigException("Cannot listen on " + config.host() + ":" + config.port() + ": " + e.getMessage());
        }
    }
}
