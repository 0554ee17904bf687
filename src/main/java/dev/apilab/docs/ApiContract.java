package dev.apilab.docs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.apilab.http.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The hand-written OpenAPI contract (openapi.yaml in the jar), as written and as JSON, read once at start. */
public record ApiContract(byte[] yaml, byte[] json) {
    public static final String RESOURCE = "/openapi.yaml";

    public static ApiContract load() {
        try (InputStream in = ApiContract.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the jar");
            }
            byte[] yaml = in.readAllBytes();
            JsonNode tree = new YAMLMapper().readTree(yaml);
            return new ApiContract(yaml, Json.write(tree).getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }
}
