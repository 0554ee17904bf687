package dev.apilab.http;

import java.util.List;
import java.util.Map;

/** A failure that maps to one HTTP status and a JSON error body; handlers throw it, Errors answers it. */
public class ApiException extends RuntimeException {
    private final int status;
    private final List<FieldProblem> details;
    private final Map<String, String> headers;

    /** One field that failed validation, as shown in the optional "details" list. */
    public record FieldProblem(String field, String problem) {}

    public ApiException(int status, String message) {
        this(status, message, List.of(), Map.of());
    }

    public ApiException(int status, String message, List<FieldProblem> details, Map<String, String> headers) {
        super(message, null, false, false);
        this.status = status;
        this.details = List.copyOf(details);
        this.headers = Map.copyOf(headers);
    }

    public int status() {
        return status;
    }

    public List<FieldProblem> details() {
        return details;
    }

    public Map<String, String> headers() {
        return headers;
    }

    /**
     * A 400 about one field: the message names the field ("'age' must be an integer from 0 to 150"),
     * and details carry the same for programs. The problem is phrased to follow the field's name.
     */
    public static ApiException invalidField(String field, String problem) {
        return new ApiException(400, "'" + field + "' " + problem, List.of(new FieldProblem(field, problem)), Map.of());
    }

    public static ApiException badRequest(String message) {
        return new ApiException(400, message);
    }

    public static ApiException unauthorized(String message) {
        return new ApiException(401, message, List.of(), Map.of("WWW-Authenticate", "Bearer"));
    }

    public static ApiException forbidden(String message) {
        return new ApiException(403, message);
    }

    public static ApiException notFound(String message) {
        return new ApiException(404, message);
    }
}
