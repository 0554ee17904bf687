package dev.apilab.docs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.apilab.Version;
import dev.apilab.http.RouteTable.Endpoint;
import dev.apilab.support.Reply;
import dev.apilab.support.RunningServer;
import io.swagger.parser.OpenAPIParser;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The contract is complete: every route the server has is described, and nothing else is. */
class ApiContractTest {
    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "options", "head", "patch", "trace");

    @RegisterExtension
    static final RunningServer server = RunningServer.withSettings();

    @Test
    void everyRouteIsInTheContractAndEveryOperationInTheContractIsARoute() {
        List<Endpoint> routes = server.app().endpoints();
        Set<String> routed = routes.stream()
                .filter(e -> !e.method().equals("HEAD"))
                .map(e -> e.method() + " " + e.path())
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(operations(served())).as("operations in openapi.yaml vs routes in the route table")
                .containsExactlyElementsOf(routed);
    }

    @Test
    void everyGetRouteAlsoAnswersHeadAsTheContractSays() {
        List<Endpoint> routes = server.app().endpoints();
        Set<String> gets = routes.stream().filter(e -> e.method().equals("GET")).map(Endpoint::path).collect(Collectors.toSet());
        Set<String> heads = routes.stream().filter(e -> e.method().equals("HEAD")).map(Endpoint::path).collect(Collectors.toSet());
        assertThat(heads).isEqualTo(gets);
        assertThat(served().at("/info/description").asText()).contains("`HEAD`").contains("`OPTIONS`");
    }

    @Test
    void theContractIsServedAsWrittenAndAsTheSameDocumentInJson() throws Exception {
        Reply yaml = server.http().get("/openapi.yaml");
        assertThat(yaml.status()).isEqualTo(200);
        assertThat(yaml.header("Content-Type")).startsWith("application/yaml");
        assertThat(yaml.body()).isEqualTo(resource());
        assertThat(served()).isEqualTo(new YAMLMapper().readTree(resource()));
    }

    @Test
    void theContractIsAValidOpenApi31DocumentWithTheServersVersion() {
        SwaggerParseResult parsed = new OpenAPIParser().readContents(resource(), null, null);
        assertThat(parsed.getMessages()).isEmpty();
        assertThat(parsed.getOpenAPI().getOpenapi()).startsWith("3.1.");
        assertThat(parsed.getOpenAPI().getInfo().getVersion()).isEqualTo(Version.current());
        assertThat(parsed.getOpenAPI().getComponents().getSecuritySchemes().get("bearerAuth").getScheme()).isEqualTo("bearer");
    }

    @Test
    void everyOperationHasATagASummaryAndAnIdAndEveryAnswerADescription() {
        JsonNode paths = served().get("paths");
        for (Iterator<Map.Entry<String, JsonNode>> path = paths.fields(); path.hasNext(); ) {
            Map.Entry<String, JsonNode> item = path.next();
            for (Iterator<Map.Entry<String, JsonNode>> op = item.getValue().fields(); op.hasNext(); ) {
                Map.Entry<String, JsonNode> operation = op.next();
                if (!METHODS.contains(operation.getKey())) {
                    continue;
                }
                String name = operation.getKey().toUpperCase(Locale.ROOT) + " " + item.getKey();
                assertThat(operation.getValue().path("tags").size()).as(name + " tags").isEqualTo(1);
                assertThat(operation.getValue().path("summary").asText()).as(name + " summary").isNotBlank();
                assertThat(operation.getValue().path("operationId").asText()).as(name + " operationId").isNotBlank();
                operation.getValue().get("responses").forEach(answer -> assertThat(
                        answer.has("$ref") || !answer.path("description").asText().isBlank()).as(name + " answers").isTrue());
            }
        }
    }

    private static Set<String> operations(JsonNode contract) {
        Set<String> operations = new TreeSet<>();
        contract.get("paths").fields().forEachRemaining(path -> path.getValue().fieldNames().forEachRemaining(method -> {
            if (METHODS.contains(method)) {
                operations.add(method.toUpperCase(Locale.ROOT) + " " + path.getKey());
            }
        }));
        return operations;
    }

    private static JsonNode served() {
        Reply json = server.http().get("/openapi.json");
        assertThat(json.status()).isEqualTo(200);
        return json.json();
    }

    private static String resource() {
        try (InputStream in = ApiContractTest.class.getResourceAsStream("/openapi.yaml")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
