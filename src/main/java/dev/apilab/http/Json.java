package dev.apilab.http;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.helidon.common.media.type.MediaType;
import io.helidon.http.HeaderNames;
import io.helidon.http.HttpMediaType;
import io.helidon.webserver.CloseConnectionException;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Optional;

/** The one JSON mapper, parsing strictly: request bodies in, answers out. */
public final class Json {
    /** SPEC §4: a larger body is refused with 413. */
    public static final int MAX_BODY_BYTES = 64 * 1024;

    private static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();
    private static final ObjectWriter WRITER = MAPPER.writer();
    private static final String JSON_UTF8 = "application/json";

    private Json() {}

    public static ObjectNode newObject() {
        return MAPPER.createObjectNode();
    }

    public static JsonNode valueToTree(Object value) {
        return MAPPER.valueToTree(value);
    }

    /** Reads the request body as one JSON object, or throws the 4xx that says why it is not one. */
    public static JsonBody readObject(ServerRequest request) {
        requireJsonContentType(request);
        byte[] body = readBody(request);
        if (body.length == 0) {
            throw ApiException.badRequest("The request body is empty: send a JSON object");
        }
        JsonNode node = parse(body);
        if (!node.isObject()) {
            throw ApiException.badRequest("The request body must be a JSON object, not " + describe(node));
        }
        return new JsonBody((ObjectNode) node);
    }

    /** Parses stored JSON text (written by this program, so a failure is a bug, not bad input). */
    public static JsonNode parseStored(String text) {
        try {
            return MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored JSON is unreadable", e);
        }
    }

    public static String write(Object value) {
        try {
            return WRITER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("could not write JSON", e);
        }
    }

    public static void send(ServerResponse response, int status, Object value) {
        byte[] bytes;
        try {
            bytes = WRITER.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("could not write JSON", e);
        }
        response.status(status);
        response.header(HeaderNames.CONTENT_TYPE, JSON_UTF8);
        response.send(bytes);
    }

    public static void send(ServerResponse response, Object value) {
        send(response, 200, value);
    }

    /** A JSON value's kind as a message says it: "an array", "a string", "null"… */
    public static String describe(JsonNode node) {
        return switch (node.getNodeType()) {
            case ARRAY -> "an array";
            case OBJECT -> "an object";
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case NULL -> "null";
            default -> "a " + node.getNodeType().name().toLowerCase();
        };
    }

    private static void requireJsonContentType(ServerRequest request) {
        Optional<HttpMediaType> contentType = request.headers().contentType();
        boolean json = contentType.map(HttpMediaType::mediaType).map(Json::isJson).orElse(false);
        if (!json) {
            String given = contentType.map(HttpMediaType::text).orElse("none");
            throw new ApiException(415, "Content-Type must be application/json (got " + given + ")");
        }
    }

    private static boolean isJson(MediaType type) {
        return type.type().equalsIgnoreCase("application")
                && (type.subtype().equalsIgnoreCase("json") || type.subtype().toLowerCase().endsWith("+json"));
    }

    private static byte[] readBody(ServerRequest request) {
        if (request.headers().contentLength().orElse(0) > MAX_BODY_BYTES) {
            throw tooLarge();
        }
        if (!request.content().hasEntity()) {
            return new byte[0];
        }
        byte[] bytes;
        InputStream in = request.content().inputStream();
        try {
            bytes = in.readNBytes(MAX_BODY_BYTES + 1);
            in.close();
        } catch (IOException | RuntimeException e) {
            // The stream is left unclosed: closing it would wait for the rest of a body that is broken,
            // and this answer closes the connection anyway.
            for (Throwable cause = e; cause != null; cause = cause.getCause()) {
                if (cause instanceof CloseConnectionException closed) {
                    throw closed; // the client took too long and has its 408: end quietly
                }
            }
            // A broken chunk size, a body shorter than its Content-Length: the client's mistake, not ours.
            if (e instanceof io.helidon.http.RequestException tooBig && tooBig.status().code() == 413) {
                throw tooLarge();
            }
            throw new ApiException(400, "The request body could not be read: it ended early or its chunked encoding is broken",
                    java.util.List.of(), java.util.Map.of("Connection", "close"));
        }
        if (bytes.length > MAX_BODY_BYTES) {
            throw tooLarge();
        }
        return bytes;
    }

    static ApiException tooLarge() {
        return new ApiException(413, "The request body is larger than " + MAX_BODY_BYTES / 1024 + " KiB");
    }

    private static JsonNode parse(byte[] body) {
        try {
            JsonNode node = MAPPER.readTree(body);
            if (node == null || node.isMissingNode()) {
                throw ApiException.badRequest("The request body is empty: send a JSON object");
            }
            return node;
        } catch (JacksonException e) {
            throw ApiException.badRequest("The request body is not valid JSON: " + plain(e.getOriginalMessage())
                    + location(e));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The parser's words without its Java internals (feature names, class names), for people. */
    static String plain(String message) {
        if (message == null) {
            return "unreadable";
        }
        if (message.contains("FAIL_ON_TRAILING_TOKENS")) {
            return "there is more after the JSON value";
        }
        if (message.contains("NestingDepth")) {
            return "it is nested more than 1000 levels deep";
        }
        if (message.contains("NON_NUMERIC_NUMBERS")) {
            return "NaN and Infinity are not JSON numbers";
        }
        return message.replaceAll(";? *(to allow|enable|disable|use) `[^`]*`.*$", "").replaceAll("`[^`]*\\.([A-Za-z]+)`", "$1").strip();
    }

    private static String location(JacksonException e) {
        var where = e.getLocation();
        return where == null || where.getLineNr() < 1
                ? ""
                : " (line " + where.getLineNr() + ", column " + where.getColumnNr() + ")";
    }
}
