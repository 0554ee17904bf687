package dev.apilab.accounts;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.apilab.accounts.Accounts.SignUp;
import dev.apilab.accounts.Accounts.SignedUp;
import dev.apilab.http.ApiException;
import dev.apilab.http.Json;
import dev.apilab.http.JsonBody;
import dev.apilab.http.RouteTable;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.List;
import java.util.Set;

/** The notebook's "Creating a new user" and "Updating User Profile": /users, /users/{u}, /users/{u}/profile. */
public final class UsersService implements RouteTable.Routes {
    private static final Set<String> SIGN_UP_FIELDS = Set.of("username", "password", "age", "email", "device_name", "roles");
    private static final Set<String> PROFILE_FIELDS = Set.of("username", "age", "email");

    private final Accounts accounts;
    private final BearerAuth auth;

    public UsersService(Accounts accounts, BearerAuth auth) {
        this.accounts = accounts;
        this.auth = auth;
    }

    @Override
    public void routes(RouteTable table) {
        table.post("/users", this::signUp)
                .get("/users/{username}", this::user)
                .delete("/users/{username}", this::deleteUser)
                .get("/users/{username}/profile", this::profile)
                .put("/users/{username}/profile", this::updateProfile);
    }

    private void signUp(ServerRequest req, ServerResponse res) {
        JsonBody body = Json.readObject(req).allowOnly(SIGN_UP_FIELDS);
        SignUp request = new SignUp(
                AccountRules.username(body.requiredString("username")),
                AccountRules.password(body.requiredString("password")),
                AccountRules.email(body.requiredString("email")),
                AccountRules.age(body.requiredInteger("age")),
                AccountRules.deviceName(body.optionalString("device_name").orElse(AccountRules.DEFAULT_DEVICE)),
                AccountRules.roles(body.optionalStringList("roles").orElse(List.of())));
        SignedUp signedUp = accounts.signUp(request, req.remotePeer().host());
        ObjectNode answer = Json.newObject();
        answer.set("access_token", Answers.issuedToken(signedUp.token(), signedUp.user().username()));
        answer.put("url", "/users/" + signedUp.user().username());
        answer.set("user", Answers.profile(signedUp.user()));
        Json.send(res, answer);
    }

    private void user(ServerRequest req, ServerResponse res) {
        Json.send(res, Answers.user(accounts.user(auth.owner(req))));
    }

    private void deleteUser(ServerRequest req, ServerResponse res) {
        accounts.deleteUser(auth.owner(req));
        Json.send(res, Answers.message("User deleted"));
    }

    private void profile(ServerRequest req, ServerResponse res) {
        Json.send(res, Answers.profile(accounts.user(auth.owner(req))));
    }

    /** PUT replaces age and email; a username may be sent, but only the one the account has. */
    private void updateProfile(ServerRequest req, ServerResponse res) {
        Caller caller = auth.owner(req);
        JsonBody body = Json.readObject(req).allowOnly(PROFILE_FIELDS);
        body.optionalString("username").ifPresent(name -> {
            if (!AccountRules.key(name).equals(caller.usernameKey())) {
                throw ApiException.invalidField("username", "cannot be changed");
            }
        });
        String email = AccountRules.email(body.requiredString("email"));
        int age = AccountRules.age(body.requiredInteger("age"));
        Json.send(res, Answers.profile(accounts.updateProfile(caller, email, age)));
    }
}
