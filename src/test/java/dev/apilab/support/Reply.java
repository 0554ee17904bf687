package dev.apilab.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpHeaders;

/** One HTTP answer as the tests look at it. */
public record Reply(int status, String body, HttpHeaders headers) {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    public JsonNode json() {
        try {
            return MAPPER.readTree(body);
        } catch (Exception e) {
            throw new AssertionError("not JSON (status " + status + "): " + body, e);
        }
    }

    /** The "error" message of a JSON error answer. */
    public String error() {
        JsonNode error = json().get("error");
        if (error == null) {
            throw new AssertionError("no error field (status " + status + "): " + body);
        }
        return error.asText();
    }

    public String header(String name) {
        return headers.firstValue(name).orElse(null);
    }

    @Override
    public String toString() {
        return status + " " + body;
    }
}
