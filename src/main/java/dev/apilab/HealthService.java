package dev.apilab;

import dev.apilab.http.ApiException;
import dev.apilab.http.Json;
import dev.apilab.http.RouteTable;
import java.util.Map;
import java.util.function.BooleanSupplier;

/** GET /healthz: 200 while the database answers, 503 while it does not (for load balancers and humans). */
final class HealthService implements RouteTable.Routes {
    private final BooleanSupplier databaseAnswers;

    HealthService(BooleanSupplier databaseAnswers) {
        this.databaseAnswers = databaseAnswers;
    }

    @Override
    public void routes(RouteTable table) {
        table.get("/healthz", (req, res) -> {
            if (!databaseAnswers.getAsBoolean()) {
                throw new ApiException(503, "The database does not answer");
            }
            Json.send(res, Map.of("status", "ok"));
        });
    }
}
