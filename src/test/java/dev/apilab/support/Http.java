package dev.apilab.support;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A small real-HTTP client for the tests: every call goes over a socket to the running server. */
public final class Http {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    private final URI base;
    private final Duration timeout;

    public Http(URI base) {
        this(base, Duration.ofSeconds(30));
    }

    private Http(URI base, Duration timeout) {
        this.base = base;
        this.timeout = timeout;
    }

    /** The same client with a longer wait per answer, for floods that queue on the password hashers. */
    public Http withTimeout(Duration timeout) {
        return new Http(base, timeout);
    }

    public URI base() {
        return base;
    }

    public Reply get(String path, String... headers) {
        return send("GET", path, null, headers);
    }

    public Reply delete(String path, String... headers) {
        return send("DELETE", path, null, headers);
    }

    /** Sends {@code body} as JSON (an object is serialised, a String is sent as it is). */
    public Reply post(String path, Object body, String... headers) {
        return send("POST", path, body, headers);
    }

    public Reply put(String path, Object body, String... headers) {
        return send("PUT", path, body, headers);
    }

    public Reply patch(String path, Object body, String... headers) {
        return send("PATCH", path, body, headers);
    }

    public static String[] bearer(String token) {
        return new String[] {"Authorization", "Bearer " + token};
    }

    public Reply send(String method, String path, Object body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(timeout);
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            String text = body instanceof String s ? s : json(body);
            request.method(method, HttpRequest.BodyPublishers.ofString(text));
            request.header("Content-Type", "application/json");
        }
        for (int i = 0; i < headers.length; i += 2) {
            request.setHeader(headers[i], headers[i + 1]);
        }
        return send(request.build());
    }

    public Reply send(HttpRequest request) {
        try {
            HttpResponse<String> response = CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.body(), response.headers());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(base.resolve(path)).timeout(timeout);
    }

    private static String json(Object body) {
        try {
            return MAPPER.writeValueAsString(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
