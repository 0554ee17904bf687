package dev.apilab.docs;

import dev.apilab.http.ApiException;
import dev.apilab.http.RouteTable;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The API's contract at /openapi.yaml and /openapi.json, and Swagger UI at /docs, served from the
 * jar (the swagger-ui webjar) so that it works offline. "Try it out" calls this same server.
 */
public final class DocsService implements RouteTable.Routes {
    private static final String OWN_FILES = "/dev/apilab/docs/";
    private static final String CSS = "text/css; charset=utf-8";
    private static final String JS = "text/javascript; charset=utf-8";
    private static final String HTML = "text/html; charset=utf-8";
    private static final String PNG = "image/png";

    /** The files the page may load; nothing outside this list is ever read, so no path can escape it. */
    private static final Map<String, String> WEBJAR_FILES = Map.of(
            "swagger-ui.css", CSS,
            "swagger-ui-bundle.js", JS,
            "favicon-16x16.png", PNG,
            "favicon-32x32.png", PNG);
    private static final Map<String, String> OWN_ASSETS = Map.of("swagger-initializer.js", JS);

    private final ApiContract contract;
    private final String webjarFolder;
    private final Map<String, byte[]> files = new ConcurrentHashMap<>();

    public DocsService() {
        this.contract = ApiContract.load();
        this.webjarFolder = "/META-INF/resources/webjars/swagger-ui/" + swaggerUiVersion() + "/";
    }

    @Override
    public void routes(RouteTable table) {
        table.get("/openapi.yaml", (req, res) -> send(res, "application/yaml; charset=utf-8", contract.yaml()))
                .get("/openapi.json", (req, res) -> send(res, "application/json", contract.json()))
                .get("/docs", (req, res) -> send(res, HTML, cached(OWN_FILES + "index.html")))
                // Paths match exactly elsewhere, but people type /docs/ for a page: send them to it.
                .get("/docs/", (req, res) -> res.status(301).header(HeaderNames.LOCATION, "/docs").send())
                .get("/docs/{file}", this::file);
    }

    private void file(ServerRequest req, ServerResponse res) {
        String name = req.path().pathParameters().get("file");
        if (OWN_ASSETS.containsKey(name)) {
            send(res, OWN_ASSETS.get(name), cached(OWN_FILES + name));
        } else if (WEBJAR_FILES.containsKey(name)) {
            res.header(HeaderNames.CACHE_CONTROL, "public, max-age=86400");
            send(res, WEBJAR_FILES.get(name), cached(webjarFolder + name));
        } else {
            throw ApiException.notFound("No such file: /docs/" + name);
        }
    }

    private byte[] cached(String resource) {
        return files.computeIfAbsent(resource, DocsService::read);
    }

    private static void send(ServerResponse res, String contentType, byte[] body) {
        res.header(HeaderNames.CONTENT_TYPE, contentType);
        res.send(body);
    }

    private static byte[] read(String resource) {
        try (InputStream in = DocsService.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing from the jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The webjar's files sit under its version; its Maven properties say which. */
    private static String swaggerUiVersion() {
        Properties properties = new Properties();
        try (InputStream in = DocsService.class.getResourceAsStream("/META-INF/maven/org.webjars/swagger-ui/pom.properties")) {
            if (in == null) {
                throw new IllegalStateException("the swagger-ui webjar is missing from the class path");
            }
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties.getProperty("version");
    }
}
