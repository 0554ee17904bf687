package dev.apilab.tutorial;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.apilab.http.Json;
import dev.apilab.http.JsonBody;
import dev.apilab.http.RouteTable;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.math.BigInteger;
import java.util.Set;

/** "HTTP Request Methods": the same sum by GET with a query string and by POST with a JSON body. */
public final class SumService implements RouteTable.Routes {
    private static final Set<String> FIELDS = Set.of("a", "b", "c");

    @Override
    public void routes(RouteTable table) {
        table.get("/sum", this::sumOfQuery)
                .post("/sum", this::sumOfBody);
    }

    private void sumOfQuery(ServerRequest req, ServerResponse res) {
        answer(res, QueryIntegers.required(req, "a"), QueryIntegers.required(req, "b"), QueryIntegers.required(req, "c"));
    }

    private void sumOfBody(ServerRequest req, ServerResponse res) {
        JsonBody body = Json.readObject(req).allowOnly(FIELDS);
        answer(res, body.requiredInteger("a"), body.requiredInteger("b"), body.requiredInteger("c"));
    }

    private static void answer(ServerResponse res, BigInteger a, BigInteger b, BigInteger c) {
        ObjectNode answer = Json.newObject();
        answer.put("a", a).put("b", b).put("c", c).put("sum", a.add(b).add(c));
        Json.send(res, answer);
    }
}
