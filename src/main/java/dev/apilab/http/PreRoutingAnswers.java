package dev.apilab.http;

import io.helidon.http.DirectHandler;
import io.helidon.http.HeaderNames;
import io.helidon.http.ServerResponseHeaders;
import io.helidon.http.Status;
import io.helidon.webserver.http.DirectHandlers;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;

/**
 * Answers to requests Helidon refuses before routing (a malformed request line or header, an
 * oversized body, HTTP/1.0): JSON like every other error, with the same safety headers, and one
 * access-log line each.
 */
public final class PreRoutingAnswers implements DirectHandler {
    private static final System.Logger ACCESS = System.getLogger("apilab.access");
    /** What Helidon puts in place of a message it does not consider safe to show the client. */
    private static final String HELIDON_UNSAFE_MESSAGE = "Bad request, see server log for more information";

    private PreRoutingAnswers() {}

    public static DirectHandlers all() {
        DirectHandler answers = new PreRoutingAnswers();
        DirectHandlers.Builder builder = DirectHandlers.builder();
        for (EventType event : EventType.values()) {
            builder.addHandler(event, answers);
        }
        return builder.build();
    }

    @Override
    public TransportResponse handle(TransportRequest request, EventType event, Status status,
                                    ServerResponseHeaders headers, String message) {
        Status answered = status;
        String text = message == null || message.isBlank() ? status.reasonPhrase() : message;
        if (event == EventType.INTERNAL_ERROR) {
            // Before routing only Helidon's parser has run: it failed on the request (say, "G@T" as a method).
            answered = Status.BAD_REQUEST_400;
            text = "The request could not be parsed: its method, path or a header has characters HTTP does not allow";
        } else if (text.equals(HELIDON_UNSAFE_MESSAGE)) {
            // Helidon withholds its reason here (it may quote the request); ours says what a request must look like.
            text = "The request line is malformed: expected METHOD /path HTTP/1.1, with %-escapes of two hex digits";
        } else if (status.code() == 413) {
            text = Json.tooLarge().getMessage();
        }
        if (ACCESS.isLoggable(Level.INFO)) {
            String method = request.method().isEmpty() ? "-" : request.method();
            String path = request.path().isEmpty() ? "-" : AccessLog.redact(request.path());
            ACCESS.log(Level.INFO, method + " " + path + " " + answered.code()
                    + " (refused before routing)");
        }
        TransportResponse.Builder answer = TransportResponse.builder()
                .status(answered)
                .headers(headers)
                .header(HeaderNames.CONTENT_TYPE, "application/json")
                .header(HeaderNames.create(SecurityHeaders.NO_STORE.getKey()), SecurityHeaders.NO_STORE.getValue())
                .entity(Json.write(Errors.body(text.length() > 200 ? text.substring(0, 200) : text))
                        .getBytes(StandardCharsets.UTF_8));
        SecurityHeaders.EVERY_ANSWER.forEach((name, value) -> answer.header(HeaderNames.create(name), value));
        return answer.build();
    }
}
