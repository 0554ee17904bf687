package dev.apilab.support;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;

/**
 * A small real-HTTP client for the tests: every call goes over a socket to the running server, and
 * every request and answer is checked against the API contract (openapi.yaml) on the way back.
 */
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
        // Loaded here, on the test's own thread: a class initialiser awaited by many virtual threads at once stalls them.
        ContractCheck.contract();
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
            Reply reply = new Reply(response.statusCode(), response.body(), response.headers());
            ContractCheck.contract().check(request, bodyOf(request), reply);
            return reply;
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

    /** The bytes a request sends, read from its publisher again (publishers may be subscribed more than once). */
    private static byte[] bodyOf(HttpRequest request) {
        if (request.bodyPublisher().isEmpty()) {
            return new byte[0];
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        CompletableFuture<byte[]> done = new CompletableFuture<>();
        request.bodyPublisher().get().subscribe(new Flow.Subscriber<ByteBuffer>() {
            @Override
            public void onSubscribe(Flow.Subscription subscription) {
                subscription.request(Long.MAX_VALUE);
            }

            @Override
            public void onNext(ByteBuffer item) {
                byte[] chunk = new byte[item.remaining()];
                item.get(chunk);
                bytes.writeBytes(chunk);
            }

            @Override
            public void onError(Throwable error) {
                done.completeExceptionally(error);
            }

            @Override
            public void onComplete() {
                done.complete(bytes.toByteArray());
            }
        });
        try {
            return done.get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("cannot read the request body back", e);
        }
    }

    private static String json(Object body) {
        try {
            return MAPPER.writeValueAsString(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
