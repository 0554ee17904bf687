package dev.apilab.accounts;

import dev.apilab.http.Json;
import dev.apilab.http.RouteTable;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.Map;

/** The notebook's "Adding Grades" and "Updating Grades": /users/{u}/grades. */
public final class GradesService implements RouteTable.Routes {
    private static final String PATH = "/users/{username}/grades";

    private final Accounts accounts;
    private final BearerAuth auth;

    public GradesService(Accounts accounts, BearerAuth auth) {
        this.accounts = accounts;
        this.auth = auth;
    }

    @Override
    public void routes(RouteTable table) {
        table.get(PATH, this::grades)
                .post(PATH, this::replace)
                .put(PATH, this::replace)
                .patch(PATH, this::merge)
                .delete(PATH, this::delete);
    }

    private void grades(ServerRequest req, ServerResponse res) {
        Json.send(res, Answers.grades(accounts.grades(auth.owner(req))));
    }

    /** POST as in the notebook (a second POST quietly replaces), and PUT: the body becomes all the grades. */
    private void replace(ServerRequest req, ServerResponse res) {
        Caller caller = auth.owner(req);
        Map<String, String> grades = AccountRules.grades(Json.readObject(req).fields(), false);
        Json.send(res, Answers.grades(accounts.replaceGrades(caller, grades)));
    }

    /** PATCH merges (RFC 7396): given subjects are set, a null grade removes its subject, others stay. */
    private void merge(ServerRequest req, ServerResponse res) {
        Caller caller = auth.owner(req);
        Map<String, String> changes = AccountRules.grades(Json.readObject(req).fields(), true);
        Json.send(res, Answers.grades(accounts.mergeGrades(caller, changes)));
    }

    private void delete(ServerRequest req, ServerResponse res) {
        accounts.deleteGrades(auth.owner(req));
        Json.send(res, Answers.message("Grades deleted"));
    }
}
