package dev.apilab.support;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.ApiOperation;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.Response;
import com.atlassian.oai.validator.report.MessageResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import com.atlassian.oai.validator.schema.SchemaValidator;
import com.atlassian.oai.validator.util.OpenApiLoader;
import com.fasterxml.jackson.databind.node.TextNode;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.parser.core.models.ParseOptions;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The API contract (src/main/resources/openapi.yaml) enforced on every call the tests make:
 * each answer must be one the contract describes for that request (status, headers, content type,
 * body schema), and a request that the contract calls invalid must not succeed. Tests may send bad
 * requests on purpose; the contract describes the errors those get, and the answer is always checked.
 */
public final class ContractCheck {
    private static final ContractCheck CONTRACT = new ContractCheck();
    private static final String PATH_MISSING = "validation.request.path.missing";
    private static final String METHOD_MISSING = "validation.request.operation.notAllowed";

    private final OpenAPI api;
    private final OpenApiInteractionValidator validator;
    private final SchemaValidator schemas;
    private final List<Pattern> paths;

    private ContractCheck() {
        api = new OpenApiLoader().loadApi(
                OpenApiInteractionValidator.SpecSource.inline(readContract()), List.of(), parseOptions());
        schemas = new SchemaValidator(api, new MessageResolver());
        paths = api.getPaths().keySet().stream().map(ContractCheck::template).toList();
        validator = OpenApiInteractionValidator.createFor(api)
                .withStrictOperationPathMatching()
                .withCustomResponseValidation(this::textBody)
                .build();
    }

    public static ContractCheck contract() {
        return CONTRACT;
    }

    public OpenAPI api() {
        return api;
    }

    /** Throws an AssertionError naming every way in which this exchange departs from the contract. */
    public void check(HttpRequest sent, byte[] body, Reply reply) {
        String method = sent.method().toUpperCase(Locale.ROOT);
        List<String> problems = switch (method) {
            case "OPTIONS" -> options(sent, reply);
            case "HEAD" -> exchange(Exchanges.request(sent, "GET", body), Exchanges.response(reply), true);
            default -> exchange(Exchanges.request(sent, method, body), Exchanges.response(reply), false);
        };
        if (!problems.isEmpty()) {
            throw new AssertionError("The answer departs from openapi.yaml.\n  " + method + " " + sent.uri().getRawPath()
                    + (sent.uri().getRawQuery() == null ? "" : "?" + sent.uri().getRawQuery())
                    + "\n  -> " + reply.status() + " " + shorten(reply.body())
                    + "\n  " + String.join("\n  ", problems));
        }
    }

    private List<String> exchange(Request request, Response response, boolean head) {
        List<String> problems = new ArrayList<>();
        ValidationReport requestReport = validator.validateRequest(request);
        // The server resolves "." and ".." segments (RFC 3986), so such a path may name no route at all.
        boolean dotSegment = DOT_SEGMENT.matcher(request.getPath()).find();
        if (has(requestReport, PATH_MISSING) || !knownPath(request.getPath()) || (dotSegment && response.getStatus() == 404)) {
            return component("NotFound", 404, response, head);
        }
        if (has(requestReport, METHOD_MISSING)) {
            return component("MethodNotAllowed", 405, response, head);
        }
        ValidationReport responseReport = validator.validateResponse(request.getPath(), request.getMethod(), response);
        for (ValidationReport.Message message : responseReport.getMessages()) {
            // HEAD answers as GET does, without the body.
            if (message.getLevel() == ValidationReport.Level.ERROR
                    && !(head && message.getKey().equals("validation.response.body.missing"))) {
                problems.add(describe(message));
            }
        }
        if (requestReport.hasErrors() && response.getStatus() < 400) {
            problems.add("the contract calls this request invalid, yet the server answered " + response.getStatus() + ":");
            requestReport.getMessages().stream()
                    .filter(m -> m.getLevel() == ValidationReport.Level.ERROR)
                    .forEach(m -> problems.add("  " + describe(m)));
        }
        return problems;
    }

    /** OPTIONS is answered for every path (not an operation of its own): an Allow list, a CORS preflight, or an error. */
    private List<String> options(HttpRequest sent, Reply reply) {
        boolean preflight = sent.headers().firstValue("Origin").isPresent()
                && sent.headers().firstValue("Access-Control-Request-Method").isPresent();
        Response response = Exchanges.response(reply);
        if (preflight) {
            return reply.status() == 403
                    ? component("PreflightRefused", 403, response, false)
                    : component("Preflight", 204, response, false);
        }
        return reply.status() == 404 ? component("NotFound", 404, response, false) : component("Options", 204, response, false);
    }

    /** Checks an answer against one of the contract's shared responses (components/responses). */
    private List<String> component(String name, int status, Response response, boolean head) {
        List<String> problems = new ArrayList<>();
        if (response.getStatus() != status) {
            problems.add("expected " + status + " (components/responses/" + name + "), got " + response.getStatus());
            return problems;
        }
        ApiResponse expected = api.getComponents().getResponses().get(name);
        if (expected.getHeaders() != null) {
            expected.getHeaders().forEach((header, spec) -> {
                Optional<String> value = response.getHeaderValue(header);
                if (value.isEmpty()) {
                    if (Boolean.TRUE.equals(spec.getRequired())) {
                        problems.add("header " + header + " is missing (components/responses/" + name + ")");
                    }
                } else {
                    schemas.validate(() -> TextNode.valueOf(value.get()), spec.getSchema(), "response.header")
                            .getMessages().forEach(m -> problems.add("header " + header + ": " + describe(m)));
                }
            });
        }
        Optional<String> body = Exchanges.bodyText(response);
        if (expected.getContent() == null || expected.getContent().isEmpty()) {
            body.ifPresent(b -> problems.add("no body expected (components/responses/" + name + ")"));
            return problems;
        }
        String contentType = response.getHeaderValue("Content-Type").orElse("");
        MediaType media = expected.getContent().get("application/json");
        if (!contentType.startsWith("application/json")) {
            problems.add("Content-Type " + contentType + " is not application/json (components/responses/" + name + ")");
        } else if (body.isEmpty()) {
            if (!head) {
                problems.add("the body is missing (components/responses/" + name + ")");
            }
        } else {
            schemas.validate(body.get(), media.getSchema(), "response.body")
                    .getMessages().forEach(m -> problems.add(describe(m)));
        }
        return problems;
    }

    /** The library checks JSON bodies; plain-text answers are checked here against their string schema. */
    private ValidationReport textBody(Response response, ApiOperation operation) {
        ApiResponse declared = operation.getOperation().getResponses().get(String.valueOf(response.getStatus()));
        Optional<String> contentType = response.getHeaderValue("Content-Type");
        Optional<String> body = Exchanges.bodyText(response);
        if (declared == null || declared.getContent() == null || contentType.isEmpty() || body.isEmpty()
                || !contentType.get().startsWith("text/plain")) {
            return ValidationReport.empty();
        }
        MediaType media = declared.getContent().get(contentType.get());
        if (media == null || media.getSchema() == null) {
            return ValidationReport.empty();
        }
        return schemas.validate(() -> TextNode.valueOf(body.get()), media.getSchema(), "response.body");
    }

    private static final Pattern DOT_SEGMENT = Pattern.compile("(?i)/(\\.|%2e){1,2}(/|$)");

    /** Paths match exactly, in their case too (the library matches without regard to case). */
    private boolean knownPath(String rawPath) {
        return paths.stream().anyMatch(p -> p.matcher(rawPath).matches());
    }

    private static Pattern template(String path) {
        StringBuilder regex = new StringBuilder();
        for (String part : path.split("(?=\\{)|(?<=\\})")) {
            regex.append(part.startsWith("{") ? "[^/]+" : Pattern.quote(part));
        }
        return Pattern.compile(regex.toString());
    }

    private static boolean has(ValidationReport report, String key) {
        return report.getMessages().stream().anyMatch(m -> m.getKey().equals(key));
    }

    private static String describe(ValidationReport.Message message) {
        return message.getKey() + ": " + message.getMessage();
    }

    private static String shorten(String text) {
        return text.length() > 300 ? text.substring(0, 300) + "…" : text;
    }

    /** The options the library itself parses with, so that OpenAPI 3.1 schemas keep their shape. */
    private static ParseOptions parseOptions() {
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        options.setResolveFully(true);
        options.setResolveCombinators(false);
        options.setExplicitObjectSchema(false);
        return options;
    }

    private static String readContract() {
        try (InputStream in = ContractCheck.class.getResourceAsStream("/openapi.yaml")) {
            if (in == null) {
                throw new IllegalStateException("openapi.yaml is not on the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
