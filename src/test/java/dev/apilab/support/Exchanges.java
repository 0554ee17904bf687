package dev.apilab.support;

import com.atlassian.oai.validator.model.Body;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.Response;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A test's request and the server's answer, as the contract validator library models them. */
final class Exchanges {
    private static final Pattern BEARER = Pattern.compile("(?i)bearer +(.*)");

    private Exchanges() {}

    static Request request(HttpRequest sent, String method, byte[] body) {
        // The server resolves "." and ".." segments (RFC 3986) before routing; so does the check.
        URI uri = sent.uri().normalize();
        SimpleRequest.Builder request = new SimpleRequest.Builder(method, uri.getRawPath());
        queryParameters(uri.getRawQuery()).forEach(request::withQueryParam);
        sent.headers().map().forEach((name, values) -> request.withHeader(name, values.stream()
                .map(value -> name.equalsIgnoreCase("Authorization") ? canonicalScheme(value) : value).toList()));
        if (body.length > 0) {
            request.withBody(body);
        }
        return request.build();
    }

    /** HTTP auth schemes are case-insensitive (RFC 9110 §11.1); the library only knows the spelling "Bearer ". */
    private static String canonicalScheme(String authorization) {
        Matcher bearer = BEARER.matcher(authorization.strip());
        return bearer.matches() ? "Bearer " + bearer.group(1) : authorization;
    }

    private static Map<String, List<String>> queryParameters(String rawQuery) {
        Map<String, List<String>> parameters = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return parameters;
        }
        for (String pair : rawQuery.split("&")) {
            int equals = pair.indexOf('=');
            String name = decode(equals < 0 ? pair : pair.substring(0, equals));
            String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
            parameters.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
        }
        return parameters;
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return text;
        }
    }

    static Response response(Reply reply) {
        SimpleResponse.Builder response = new SimpleResponse.Builder(reply.status());
        reply.headers().map().forEach(response::withHeader);
        if (!reply.body().isEmpty()) {
            response.withBody(reply.body());
        }
        return response.build();
    }

    static Optional<String> bodyText(Response response) {
        return response.getResponseBody().filter(Body::hasBody).map(body -> {
            try {
                return body.toString(StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }
}
