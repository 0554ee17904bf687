package dev.apilab.accounts;

import dev.apilab.http.ApiException;
import dev.apilab.http.Json;
import dev.apilab.http.RouteTable;

/** The notebook's "Delete Example Users" / "View the database": DELETE /database, when ALLOW_DATABASE_RESET allows. */
public final class DatabaseResetService implements RouteTable.Routes {
    private final Accounts accounts;
    private final boolean allowed;

    public DatabaseResetService(Accounts accounts, boolean allowed) {
        this.accounts = accounts;
        this.allowed = allowed;
    }

    @Override
    public void routes(RouteTable table) {
        table.delete("/database", (req, res) -> {
            if (!allowed) {
                throw ApiException.forbidden("Database reset is disabled");
            }
            accounts.deleteEverything();
            Json.send(res, Answers.message("Database cleared"));
        });
    }
}
