package dev.apilab.http;

import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import java.util.List;
import java.util.Optional;

/** Browser access from the configured origins; a preflight is answered here and never needs a token. */
public final class Cors implements Filter {
    private static final String ALLOWED_METHODS = "GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS";
    private static final String ALLOWED_HEADERS = "authorization, content-type";
    private static final String EXPOSED_HEADERS = "Allow, Retry-After, WWW-Authenticate, X-Request-Id";

    private final List<String> origins;
    private final boolean anyOrigin;

    public Cors(List<String> origins) {
        this.origins = List.copyOf(origins);
        this.anyOrigin = origins.contains("*");
    }

    @Override
    public void filter(FilterChain chain, RoutingRequest request, RoutingResponse response) {
        Optional<String> origin = request.headers().first(HeaderNames.ORIGIN);
        if (origin.isEmpty()) {
            chain.proceed();
            return;
        }
        boolean allowed = anyOrigin || origins.contains(origin.get());
        boolean preflight = request.prologue().method() == Method.OPTIONS
                && request.headers().contains(HeaderNames.ACCESS_CONTROL_REQUEST_METHOD);
        if (!allowed) {
            if (preflight) {
                throw ApiException.forbidden("Origin " + origin.get() + " is not allowed (see CORS_ORIGINS)");
            }
            chain.proceed();
            return;
        }
        response.header(HeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN, anyOrigin ? "*" : origin.get());
        if (!anyOrigin) {
            response.header(HeaderNames.VARY, "Origin");
        }
        if (preflight) {
            response.header(HeaderNames.ACCESS_CONTROL_ALLOW_METHODS, ALLOWED_METHODS);
            response.header(HeaderNames.ACCESS_CONTROL_ALLOW_HEADERS, ALLOWED_HEADERS);
            response.header(HeaderNames.ACCESS_CONTROL_MAX_AGE, "600");
            response.status(204).send();
            return;
        }
        response.header(HeaderNames.ACCESS_CONTROL_EXPOSE_HEADERS, EXPOSED_HEADERS);
        chain.proceed();
    }
}
