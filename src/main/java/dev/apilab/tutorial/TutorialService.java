package dev.apilab.tutorial;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.apilab.http.ApiException;
import dev.apilab.http.Json;
import dev.apilab.http.RouteTable;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;

/** The notebook's first cells: hello, routing, query and path parameters, and a JSON answer. */
public final class TutorialService implements RouteTable.Routes {
    private static final Map<String, List<String>> HOBBIES = Map.of(
            "Peter Parker", List.of("Photography", "Science", "Web-slinging"),
            "Batman", List.of("Money", "Gadgets", "Justice"));

    private static final ObjectNode JSON_EXAMPLE = jsonExample();

    @Override
    public void routes(RouteTable table) {
        table.get("/", (req, res) -> text(res, "Hello, World!"))
                .get("/poems/roses", (req, res) -> text(res, "Roses are red, violets are blue, I am a poet, and I know it!"))
                .get("/poems/math", (req, res) -> text(res, "Math is fun, it is true, I love math, and so should you!"))
                .get("/joke", (req, res) -> text(res, "Why did the chicken cross the road? To get to the other side!"))
                .get("/calculator", this::calculator)
                .get("/people", this::people)
                .get("/people/{name}/hobbies", this::hobbies)
                .get("/json/example", (req, res) -> Json.send(res, JSON_EXAMPLE));
    }

    /** "URL Parameter Example": /calculator?a=1&b=2&c=3 answers "1 + 2 + 3 = 6". */
    private void calculator(ServerRequest req, ServerResponse res) {
        BigInteger a = QueryIntegers.required(req, "a");
        BigInteger b = QueryIntegers.required(req, "b");
        BigInteger c = QueryIntegers.required(req, "c");
        text(res, a + " + " + b + " + " + c + " = " + a.add(b).add(c));
    }

    /** The query string arrives decoded: both %20 and + are spaces. */
    private void people(ServerRequest req, ServerResponse res) {
        List<String> names = req.query().all("name", List::of);
        if (names.isEmpty()) {
            throw ApiException.invalidField("name", "is missing: add ?name=<a name> to the URL");
        }
        text(res, "Decoded: " + names.get(0));
    }

    /** "URL Path Parameter Example": the path segment arrives decoded. */
    private void hobbies(ServerRequest req, ServerResponse res) {
        List<String> hobbies = HOBBIES.get(req.path().pathParameters().get("name"));
        if (hobbies == null) {
            throw ApiException.notFound("Person not found");
        }
        Json.send(res, hobbies);
    }

    private static void text(ServerResponse res, String body) {
        res.header(HeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8");
        res.send(body);
    }

    private static ObjectNode jsonExample() {
        ObjectNode root = Json.newObject();
        root.put("databaseName", "people").put("numEntries", 2).put("readOnly", true);
        ObjectNode entries = root.putObject("entries").put("size", 2);
        entries.putArray("values")
                .add(Json.newObject().put("name", "Alice").put("age", 25))
                .add(Json.newObject().put("name", "Bob").put("age", 30));
        return root;
    }
}
