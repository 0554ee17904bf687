package dev.apilab.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.apilab.store.DatabaseUnavailableException;
import io.helidon.http.HeaderNames;
import io.helidon.http.HttpException;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.lang.System.Logger.Level;

/** The one place where failures become HTTP answers: always a JSON {"error": ...}, never a stack trace. */
public final class Errors {
    private static final System.Logger LOG = System.getLogger("apilab.errors");

    private Errors() {}

    public static void register(HttpRouting.Builder routing) {
        routing.error(ApiException.class, Errors::answer)
                .error(DatabaseUnavailableException.class, Errors::answerUnavailable)
                .error(HttpException.class, Errors::answerHelidon)
                .error(Throwable.class, Errors::answerUnexpected);
    }

    public static ObjectNode body(String message) {
        ObjectNode body = Json.newObject();
        body.put("error", message);
        return body;
    }

    private static void answer(ServerRequest request, ServerResponse response, ApiException e) {
        ObjectNode body = body(e.getMessage());
        if (!e.details().isEmpty()) {
            ArrayNode details = body.putArray("details");
            e.details().forEach(d -> details.addObject().put("field", d.field()).put("problem", d.problem()));
        }
        e.headers().forEach(response::header);
        Json.send(response, e.status(), body);
    }

    private static void answerUnavailable(ServerRequest request, ServerResponse response, DatabaseUnavailableException e) {
        LOG.log(Level.WARNING, "request " + RequestIds.of(request) + ": database unavailable: " + e.getCause().getMessage());
        response.header(HeaderNames.RETRY_AFTER, "2");
        answer(request, response, new ApiException(503, "The database is unavailable; try again shortly"));
    }

    private static void answerHelidon(ServerRequest request, ServerResponse response, HttpException e) {
        int code = e.status().code();
        if (code >= 500) {
            answerUnexpected(request, response, e);
            return;
        }
        if (code == 413) {
            answer(request, response, Json.tooLarge());
            return;
        }
        answer(request, response, new ApiException(code, e.status().reasonPhrase()));
    }

    private static void answerUnexpected(ServerRequest request, ServerResponse response, Throwable e) {
        String requestId = RequestIds.of(request);
        LOG.log(Level.ERROR, "request " + requestId + " failed: " + e, e);
        ObjectNode body = body("Internal server error");
        body.put("request_id", requestId);
        Json.send(response, 500, body);
    }
}
