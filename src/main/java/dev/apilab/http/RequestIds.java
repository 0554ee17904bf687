package dev.apilab.http;

import io.helidon.webserver.http.ServerRequest;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

/** A short id per request, shown in the access log and in a 500 answer, so the two can be matched. */
public final class RequestIds {
    private static final String CLASSIFIER = "apilab.request-id";

    private RequestIds() {}

    static String assign(ServerRequest request) {
        // Twelve hex digits; HexFormat, since String.format was a tenth of a profile read's garbage.
        String id = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong()).substring(4);
        request.context().register(CLASSIFIER, id);
        return id;
    }

    public static String of(ServerRequest request) {
        return request.context().get(CLASSIFIER, String.class).orElse("none");
    }
}
