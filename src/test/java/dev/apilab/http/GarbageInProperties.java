package dev.apilab.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.apilab.support.Http;
import dev.apilab.support.Reply;
import dev.apilab.support.RunningServer;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Garbage in: random JSON (wrong types, huge numbers, deep nesting, odd Unicode, duplicate keys),
 * random query strings and random path segments to every endpoint. Never a 5xx, always the JSON
 * error shape, and the server is still healthy afterwards.
 */
class GarbageInProperties {
    private static final RunningServer server = RunningServer.withSettings();
    private static String token;

    private static final List<String[]> JSON_ROUTES = List.of(
            new String[] {"POST", "/users"},
            new String[] {"PUT", "/users/Owner/profile"},
            new String[] {"POST", "/users/Owner/grades"},
            new String[] {"PUT", "/users/Owner/grades"},
            new String[] {"PATCH", "/users/Owner/grades"},
            new String[] {"POST", "/users/Owner/tokens"},
            new String[] {"POST", "/sum"});

    private static final List<String> QUERY_ROUTES = List.of(
            "/calculator", "/sum", "/people", "/users/Owner/tokens", "/", "/joke", "/users/Owner/profile");

    private static final List<String> PATH_TEMPLATES = List.of(
            "/people/%s/hobbies", "/users/%s", "/users/%s/profile", "/users/%s/grades", "/users/%s/tokens",
            "/users/Owner/tokens/%s", "/%s", "/poems/%s");

    @BeforeContainer
    static void start() throws Exception {
        server.open();
        Reply signUp = server.http().post("/users", Map.of("username", "Owner", "password", "password123", "age", 30,
                "email", "owner@example.com"));
        token = signUp.json().at("/access_token/token").asText();
    }

    @AfterContainer
    static void stop() {
        try {
            Reply health = server.http().get("/healthz");
            assertThat(health.status()).as("healthy after the garbage").isEqualTo(200);
            // The garbage may have deleted Owner (DELETE on its paths is fair game); a new account must still work.
            Reply signUp = server.http().post("/users", Map.of("username", "Afterwards", "password", "password123",
                    "age", 30, "email", "after@example.com"));
            assertThat(signUp.status()).isEqualTo(200);
            String fresh = signUp.json().at("/access_token/token").asText();
            assertThat(server.http().get("/users/Afterwards/profile", Http.bearer(fresh)).status()).isEqualTo(200);
        } finally {
            server.close();
        }
    }

    @Property(tries = 300)
    void randomJsonBodiesNeverGetA5xx(@ForAll("routes") String[] route, @ForAll("bodies") String body, @ForAll boolean authorised) {
        String[] headers = authorised ? Http.bearer(token) : new String[0];
        assertWellFormed(server.http().send(route[0], route[1], body, headers), route[0] + " " + route[1] + " " + shorten(body));
    }

    /** Sent over a raw socket: a malformed escape such as "%zz" is exactly what a URI class refuses to build. */
    @Property(tries = 200)
    void randomQueryStringsNeverGetA5xx(@ForAll("queryRoutes") String path, @ForAll("queries") String query) throws Exception {
        assertWellFormed(rawGet(path + "?" + query), path + "?" + shorten(query));
    }

    @Property(tries = 200)
    void randomPathSegmentsNeverGetA5xx(@ForAll("paths") String template, @ForAll("segments") String segment,
                                        @ForAll("methods") String method) {
        String path = String.format(template, URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20"));
        assertWellFormed(server.http().send(method, path, null, Http.bearer(token)), method + " " + path);
    }

    private static Reply rawGet(String target) throws Exception {
        try (var socket = new java.net.Socket("127.0.0.1", server.http().base().getPort())) {
            socket.setSoTimeout(30_000);
            socket.getOutputStream().write(("GET " + target + " HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + token
                    + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            var in = new java.io.DataInputStream(new java.io.BufferedInputStream(socket.getInputStream()));
            String statusLine = readLine(in);
            int length = 0;
            for (String header = readLine(in); !header.isEmpty(); header = readLine(in)) {
                if (header.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:")) {
                    length = Integer.parseInt(header.substring("content-length:".length()).strip());
                }
            }
            byte[] body = new byte[length];
            in.readFully(body);
            return new Reply(Integer.parseInt(statusLine.substring(9, 12)), new String(body, StandardCharsets.UTF_8),
                    java.net.http.HttpHeaders.of(Map.of(), (a, b) -> true));
        }
    }

    private static String readLine(java.io.DataInputStream in) throws java.io.IOException {
        StringBuilder line = new StringBuilder();
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) {
                throw new java.io.EOFException("connection closed in the middle of the answer");
            }
            if (c != '\r') {
                line.append((char) c);
            }
        }
        return line.toString();
    }

    private static void assertWellFormed(Reply reply, String what) {
        assertThat(reply.status()).as(what).isBetween(200, 499);
        if (reply.status() >= 400 && !what.startsWith("HEAD ")) {
            JsonNode body = reply.json();
            assertThat(body.isObject()).as(what).isTrue();
            assertThat(body.get("error").isTextual()).as(what + " -> " + reply).isTrue();
        }
    }

    @Provide
    Arbitrary<String[]> routes() {
        return Arbitraries.of(JSON_ROUTES);
    }

    @Provide
    Arbitrary<String> queryRoutes() {
        return Arbitraries.of(QUERY_ROUTES);
    }

    @Provide
    Arbitrary<String> paths() {
        return Arbitraries.of(PATH_TEMPLATES);
    }

    @Provide
    Arbitrary<String> methods() {
        return Arbitraries.of("GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "HEAD");
    }

    @Provide
    Arbitrary<String> bodies() {
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(4, objects()),
                net.jqwik.api.Tuple.of(2, values(3)),
                net.jqwik.api.Tuple.of(1, deepNesting()),
                net.jqwik.api.Tuple.of(1, duplicateKeys()),
                net.jqwik.api.Tuple.of(1, Arbitraries.strings().ofMaxLength(200)),
                net.jqwik.api.Tuple.of(1, objects().map(GarbageInProperties::truncate)));
    }

    /** Objects whose keys are mostly the API's own field names, with values of any type. */
    private Arbitrary<String> objects() {
        Arbitrary<String> keys = Arbitraries.oneOf(
                Arbitraries.of("username", "password", "age", "email", "device_name", "roles", "a", "b", "c", "math", "english"),
                oddStrings());
        Arbitrary<String> member = Combinators.combine(keys, values(2)).as((k, v) -> quote(k) + ":" + v);
        return member.list().ofMaxSize(8).map(members -> "{" + String.join(",", members) + "}");
    }

    private Arbitrary<String> values(int depth) {
        Arbitrary<String> scalars = Arbitraries.oneOf(
                Arbitraries.of("null", "true", "false", "0", "-0", "1e400", "-1e-400", "1.5", "29", "151", "-1",
                        "123456789012345678901234567890123456789", "9".repeat(1500), "0.1e1", "1E+2"),
                Arbitraries.integers().map(String::valueOf),
                Arbitraries.longs().map(String::valueOf),
                Arbitraries.doubles().map(String::valueOf).filter(d -> !d.contains("Infinity") && !d.contains("NaN")),
                oddStrings().map(GarbageInProperties::quote));
        if (depth == 0) {
            return scalars;
        }
        Arbitrary<String> arrays = values(depth - 1).list().ofMaxSize(4).map(items -> "[" + String.join(",", items) + "]");
        Arbitrary<String> objects = Combinators.combine(oddStrings(), values(depth - 1)).as((k, v) -> "{" + quote(k) + ":" + v + "}");
        return Arbitraries.oneOf(scalars, arrays, objects);
    }

    private Arbitrary<String> oddStrings() {
        return Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(40),
                Arbitraries.strings().alpha().numeric().withChars("._-").ofMinLength(1).ofMaxLength(33),
                Arbitraries.of("", " ", "Arne", "arne@example.com", "password123", "\u0000", "\ud83d\ude00", "\u202eevil",
                        "e\u0301", "\\", "\"", "\n", "x".repeat(300), "teacher", "student"));
    }

    private Arbitrary<String> deepNesting() {
        return Arbitraries.integers().between(10, 3000).map(depth -> "[".repeat(depth) + "]".repeat(depth));
    }

    private Arbitrary<String> duplicateKeys() {
        return Arbitraries.of("username", "a", "math", "age").map(k -> "{" + quote(k) + ":1," + quote(k) + ":2}");
    }

    @Provide
    Arbitrary<String> queries() {
        Arbitrary<String> names = Arbitraries.of("a", "b", "c", "name", "limit", "offset", "x", "");
        Arbitrary<String> values = Arbitraries.oneOf(oddStrings(), Arbitraries.of("1", "-1", "1.0", "1e3", "0x1", "99999999999999999999", " 7 "));
        Arbitrary<String> pair = Combinators.combine(names, values)
                .as((n, v) -> URLEncoder.encode(n, StandardCharsets.UTF_8) + "=" + URLEncoder.encode(v, StandardCharsets.UTF_8));
        return Arbitraries.oneOf(pair.list().ofMaxSize(6).map(p -> String.join("&", p)),
                Arbitraries.of("%", "%zz", "a=%", "&&&", "=", "a=1&a", "name=%C3%28"));
    }

    @Provide
    Arbitrary<String> segments() {
        return Arbitraries.oneOf(oddStrings().filter(s -> !s.isEmpty()),
                Arbitraries.of("..", ".", "%2e%2e", "AAAAAAAAAAAAAAAA", "a.b", "Owner", "owner", "x".repeat(200)));
    }

    private static String quote(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }

    private static String truncate(String json) {
        return json.length() < 2 ? json : json.substring(0, json.length() / 2);
    }

    private static String shorten(String text) {
        return text.length() > 120 ? text.substring(0, 120) + "…" : text;
    }
}
