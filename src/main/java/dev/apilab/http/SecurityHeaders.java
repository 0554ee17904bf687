package dev.apilab.http;

import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import java.util.Map;

/** Headers every answer carries; account answers are personal, so no cache may keep them. */
public final class SecurityHeaders implements Filter {
    /** On every answer, routed or not (the pre-routing errors and the 408 send them too). */
    static final Map<String, String> EVERY_ANSWER = Map.of("X-Content-Type-Options", "nosniff", "Referrer-Policy", "no-referrer");
    /** On answers no cache may keep: account answers and errors. */
    static final Map.Entry<String, String> NO_STORE = Map.entry("Cache-Control", "no-store");

    @Override
    public void filter(FilterChain chain, RoutingRequest request, RoutingResponse response) {
        EVERY_ANSWER.forEach(response::header);
        String path = request.path().rawPath();
        if (path.startsWith("/users") || path.equals("/database")) {
            response.header(NO_STORE.getKey(), NO_STORE.getValue());
        }
        chain.proceed();
    }
}
