package dev.apilab.accounts;

import dev.apilab.http.ApiException;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads {@code Authorization: Bearer <token>} (scheme in any case, one or more spaces) and resolves
 * the caller. A token is never taken from the query string or the body.
 */
public final class BearerAuth {
    private static final Pattern BEARER = Pattern.compile("(?i)bearer(?: +(.*))?");

    private final Accounts accounts;

    public BearerAuth(Accounts accounts) {
        this.accounts = accounts;
    }

    /** The caller, who must own the {@code username} in the path: 401 without a valid token, 403 for another user's. */
    public Caller owner(ServerRequest request) {
        Caller caller = caller(request);
        String pathUser = request.path().pathParameters().get("username");
        if (!caller.usernameKey().equals(AccountRules.key(pathUser))) {
            throw ApiException.forbidden("Forbidden");
        }
        return caller;
    }

    public Caller caller(ServerRequest request) {
        if (request.headers().all(HeaderNames.AUTHORIZATION, java.util.List::of).size() > 1) {
            // Which one would count is ambiguous, so neither does.
            throw ApiException.unauthorized("Send one Authorization header, not several");
        }
        Optional<String> header = request.headers().first(HeaderNames.AUTHORIZATION).map(String::strip);
        if (header.isEmpty() || header.get().isEmpty()) {
            throw ApiException.unauthorized("Missing access token");
        }
        Matcher bearer = BEARER.matcher(header.get());
        if (!bearer.matches()) {
            throw ApiException.unauthorized("Invalid access token");
        }
        String token = bearer.group(1) == null ? "" : bearer.group(1).strip();
        if (token.isEmpty()) {
            throw ApiException.unauthorized("Missing access token");
        }
        return accounts.authenticate(token);
    }
}
