package dev.apilab.http;

import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;

/** Headers every answer carries; account answers are personal, so no cache may keep them. */
public final class SecurityHeaders implements Filter {
    @Override
    public void filter(FilterChain chain, RoutingRequest request, RoutingResponse response) {
        response.header("X-Content-Type-Options", "nosniff");
        response.header("Referrer-Policy", "no-referrer");
        String path = request.path().rawPath();
        if (path.startsWith("/users") || path.equals("/database")) {
            response.header("Cache-Control", "no-store");
        }
        chain.proceed();
    }
}
