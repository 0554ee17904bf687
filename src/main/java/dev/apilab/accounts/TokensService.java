package dev.apilab.accounts;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.apilab.http.ApiException;
import dev.apilab.http.Json;
import dev.apilab.http.JsonBody;
import dev.apilab.http.RouteTable;
import dev.apilab.store.AccountStore.TokenPage;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.List;
import java.util.Set;

/** The notebook's "Log In", "List Access Tokens", "Get access token information" and "Log Out". */
public final class TokensService implements RouteTable.Routes {
    private static final Set<String> LOG_IN_FIELDS = Set.of("username", "password", "device_name");
    private static final int DEFAULT_LIMIT = 10;
    private static final int MAX_LIMIT = 100;

    private final Accounts accounts;
    private final BearerAuth auth;

    public TokensService(Accounts accounts, BearerAuth auth) {
        this.accounts = accounts;
        this.auth = auth;
    }

    @Override
    public void routes(RouteTable table) {
        table.post("/users/{username}/tokens", this::logIn)
                .get("/users/{username}/tokens", this::list)
                .delete("/users/{username}/tokens", this::logOutEverywhere)
                .get("/users/{username}/tokens/{token}", this::info)
                .delete("/users/{username}/tokens/{token}", this::logOut);
    }

    /** Log in on a device with username and password; the only place a password is accepted after sign-up. */
    private void logIn(ServerRequest req, ServerResponse res) {
        String pathUser = req.path().pathParameters().get("username");
        JsonBody body = Json.readObject(req).allowOnly(LOG_IN_FIELDS);
        String password = body.requiredString("password");
        body.optionalString("username").ifPresent(name -> {
            if (!AccountRules.key(name).equals(AccountRules.key(pathUser))) {
                throw ApiException.invalidField("username", "must be the username in the path (" + pathUser + ")");
            }
        });
        String device = AccountRules.deviceName(body.optionalString("device_name").orElse(AccountRules.DEFAULT_DEVICE));
        Accounts.LoggedIn session = accounts.logIn(pathUser, password, device, req.remotePeer().host());
        Json.send(res, Answers.issuedToken(session.token(), session.username()));
    }

    private void list(ServerRequest req, ServerResponse res) {
        Caller caller = auth.owner(req);
        int limit = (int) queryNumber(req, "limit", DEFAULT_LIMIT, 1, MAX_LIMIT);
        long offset = queryNumber(req, "offset", 0, 0, Integer.MAX_VALUE);
        TokenPage page = accounts.tokens(caller, limit, offset);
        ObjectNode answer = Json.newObject().put("count", page.tokens().size()).put("limit", limit).put("offset", offset);
        ArrayNode tokens = answer.putArray("tokens");
        page.tokens().forEach(t -> tokens.add(Answers.tokenInfo(t, caller.username(), caller.tokenId())));
        answer.put("total_count", page.totalCount());
        Json.send(res, answer);
    }

    private void info(ServerRequest req, ServerResponse res) {
        Caller caller = auth.owner(req);
        var token = accounts.token(caller, req.path().pathParameters().get("token"));
        Json.send(res, Answers.tokenInfo(token, caller.username(), caller.tokenId()));
    }

    private void logOut(ServerRequest req, ServerResponse res) {
        accounts.logOut(auth.owner(req), req.path().pathParameters().get("token"));
        Json.send(res, Answers.message("Access token deleted"));
    }

    private void logOutEverywhere(ServerRequest req, ServerResponse res) {
        int deleted = accounts.logOutEverywhere(auth.owner(req));
        Json.send(res, Answers.message("Access tokens deleted").put("deleted", deleted));
    }

    private static long queryNumber(ServerRequest req, String name, long fallback, long min, long max) {
        List<String> values = req.query().all(name, List::of);
        if (values.isEmpty()) {
            return fallback;
        }
        if (values.size() > 1) {
            throw ApiException.invalidField(name, "is given " + values.size() + " times; give it once");
        }
        String text = values.get(0).strip();
        if (!text.matches("[0-9]{1,10}") || Long.parseLong(text) < min || Long.parseLong(text) > max) {
            throw ApiException.invalidField(name, "must be a whole number from " + min + " to " + max);
        }
        return Long.parseLong(text);
    }
}
