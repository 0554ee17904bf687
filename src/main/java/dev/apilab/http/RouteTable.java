package dev.apilab.http;

import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.http.PathMatcher;
import io.helidon.http.PathMatchers;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The API's route table: every route is declared here once, so that HEAD follows GET and an
 * unknown method on a known path is a 405 with an Allow header rather than a 404.
 */
public final class RouteTable {
    private final HttpRouting.Builder routing;
    private final Map<String, Route> routes = new LinkedHashMap<>();

    /** Something that declares its routes: one per resource, as Helidon's services are. */
    public interface Routes {
        void routes(RouteTable table);
    }

    /** One registered (method, path pattern) pair, the pattern as written: {@code /users/{username}}. */
    public record Endpoint(String method, String path) {}

    private record Route(PathMatcher matcher, Set<Method> methods) {}

    public RouteTable(HttpRouting.Builder routing) {
        this.routing = routing;
    }

    public RouteTable register(Routes... resources) {
        for (Routes resource : resources) {
            resource.routes(this);
        }
        return this;
    }

    /** GET, and HEAD with the same status and headers (Helidon drops the body of a HEAD answer). */
    public RouteTable get(String path, Handler handler) {
        add(Method.GET, path, handler);
        return add(Method.HEAD, path, handler);
    }

    public RouteTable post(String path, Handler handler) {
        return add(Method.POST, path, handler);
    }

    public RouteTable put(String path, Handler handler) {
        return add(Method.PUT, path, handler);
    }

    public RouteTable patch(String path, Handler handler) {
        return add(Method.PATCH, path, handler);
    }

    public RouteTable delete(String path, Handler handler) {
        return add(Method.DELETE, path, handler);
    }

    /** Every (method, path) registered so far, in registration order: what the API contract must describe. */
    public List<Endpoint> endpoints() {
        List<Endpoint> endpoints = new ArrayList<>();
        routes.forEach((path, route) -> route.methods().forEach(m -> endpoints.add(new Endpoint(m.text(), path))));
        return List.copyOf(endpoints);
    }

    /** Must come last: answers what no route took, with 405 for a known path and 404 otherwise. */
    public void addFallback() {
        routing.any(this::noRouteTook);
    }

    private RouteTable add(Method method, String path, Handler handler) {
        routes.computeIfAbsent(path, p -> new Route(PathMatchers.create(p), new LinkedHashSet<>())).methods().add(method);
        routing.route(method, path, handler);
        return this;
    }

    private void noRouteTook(ServerRequest request, ServerResponse response) {
        Set<Method> allowed = new LinkedHashSet<>();
        for (Route route : routes.values()) {
            if (route.matcher().match(request.path()).accepted()) {
                allowed.addAll(route.methods());
            }
        }
        if (allowed.isEmpty()) {
            throw ApiException.notFound("No such path: " + request.path().rawPath());
        }
        allowed.add(Method.OPTIONS);
        String allow = allowed.stream().map(Method::text).collect(Collectors.joining(", "));
        if (request.prologue().method() == Method.OPTIONS) {
            response.header(HeaderNames.ALLOW, allow);
            response.status(204).send();
            return;
        }
        throw new ApiException(405, "Method " + request.prologue().method().text() + " is not allowed on "
                + request.path().rawPath() + "; allowed: " + allow,
                List.of(), Map.of("Allow", allow));
    }
}
