package dev.apilab.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.apilab.support.Http;
import dev.apilab.support.LogCapture;
import dev.apilab.support.Reply;
import dev.apilab.support.RunningServer;
import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** SPEC §4: the rules every answer follows, whatever the route. */
class HttpRulesTest {
    @RegisterExtension
    static final RunningServer server = RunningServer.withSettings("CORS_ORIGINS", "http://allowed.example");

    private Http http() {
        return server.http();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/nope", "/joke/", "/poems", "/poems/roses/", "/people/Batman", "/JOKE"})
    void anUnknownPathIsAJson404(String path) {
        Reply reply = http().get(path);
        assertThat(reply.status()).isEqualTo(404);
        assertThat(reply.header("Content-Type")).startsWith("application/json");
        assertThat(reply.error()).startsWith("No such path");
    }

    @Test
    void aKnownPathWithTheWrongMethodIsA405WithAllow() {
        Reply reply = http().send("DELETE", "/joke", null);
        assertThat(reply.status()).isEqualTo(405);
        assertThat(reply.header("Allow")).isEqualTo("GET, HEAD, OPTIONS");
        assertThat(reply.error()).contains("DELETE").contains("/joke");

        Reply sum = http().send("PUT", "/sum", "{}");
        assertThat(sum.status()).isEqualTo(405);
        assertThat(sum.header("Allow")).contains("GET").contains("POST");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/", "/joke", "/calculator?a=1&b=2&c=3", "/calculator?a=x", "/json/example",
        "/people/Nobody/hobbies", "/healthz", "/nope"})
    void headAnswersLikeGetWithoutABody(String path) {
        Reply get = http().get(path);
        Reply head = http().send(http().request(path).method("HEAD", HttpRequest.BodyPublishers.noBody()).build());
        assertThat(head.status()).isEqualTo(get.status());
        assertThat(head.body()).isEmpty();
        assertThat(head.header("Content-Type")).isEqualTo(get.header("Content-Type"));
        assertThat(head.header("Content-Length")).isEqualTo(get.header("Content-Length"));
    }

    /** Over a raw socket, announcing the size only: the server may answer before a client finishes sending. */
    @Test
    void aBodyOverSixtyFourKibibytesIsA413() throws Exception {
        try (var socket = new java.net.Socket("127.0.0.1", http().base().getPort())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(("POST /sum HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                    + "Content-Length: 70000\r\n\r\n").getBytes());
            String answer = new String(socket.getInputStream().readNBytes(400));
            assertThat(answer).startsWith("HTTP/1.1 413");
            assertThat(answer).contains("64 KiB");
        }
    }

    @Test
    void aChunkedBodyOverSixtyFourKibibytesIsA413Too() {
        byte[] big = ("{\"a\":\"" + "x".repeat(70_000) + "\"}").getBytes();
        Reply reply = http().send(http().request("/sum").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big))).build());
        assertThat(reply.status()).isEqualTo(413);
        assertThat(reply.error()).contains("64 KiB");
    }

    @Test
    void aPreflightFromAnAllowedOriginIs204WithTheAllowedHeaders() {
        Reply reply = http().send("OPTIONS", "/users/Arne/profile", null,
                "Origin", "http://allowed.example", "Access-Control-Request-Method", "GET",
                "Access-Control-Request-Headers", "authorization");
        assertThat(reply.status()).isEqualTo(204);
        assertThat(reply.header("Access-Control-Allow-Origin")).isEqualTo("http://allowed.example");
        assertThat(reply.header("Access-Control-Allow-Headers")).contains("authorization").contains("content-type");
        assertThat(reply.header("Access-Control-Allow-Methods")).contains("GET");
    }

    @Test
    void aPreflightFromAnotherOriginIsRefused() {
        Reply reply = http().send("OPTIONS", "/sum", null,
                "Origin", "http://evil.example", "Access-Control-Request-Method", "POST");
        assertThat(reply.status()).isEqualTo(403);
        assertThat(reply.header("Access-Control-Allow-Origin")).isNull();
    }

    @Test
    void anAllowedOriginCanReadAnswersAndErrors() {
        assertThat(http().get("/joke", "Origin", "http://allowed.example").header("Access-Control-Allow-Origin"))
                .isEqualTo("http://allowed.example");
        assertThat(http().get("/nope", "Origin", "http://allowed.example").header("Access-Control-Allow-Origin"))
                .isEqualTo("http://allowed.example");
    }

    @Test
    void everyAnswerCarriesTheSafetyHeadersAndARequestId() {
        for (String path : List.of("/", "/nope", "/calculator")) {
            Reply reply = http().get(path);
            assertThat(reply.header("X-Content-Type-Options")).isEqualTo("nosniff");
            assertThat(reply.header("Referrer-Policy")).isEqualTo("no-referrer");
            assertThat(reply.header("X-Request-Id")).matches("[0-9a-f]{12}");
        }
    }

    @Test
    void healthzAnswersOkWhileTheDatabaseAnswers() {
        Reply reply = http().get("/healthz");
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().toString()).isEqualTo("{\"status\":\"ok\"}");
    }

    @Test
    void eachRequestGetsOneAccessLogLineWithMethodPathStatusAndTime() {
        try (LogCapture logs = new LogCapture()) {
            Reply reply = http().get("/poems/math?secret=hunter2");
            String line = logs.awaitLineContaining(reply.header("X-Request-Id"));
            assertThat(line).containsPattern("GET /poems/math 200 [0-9.]+ms");
            assertThat(line).doesNotContain("hunter2");
        }
    }

    @Test
    void aTokenInAPathIsRedactedInTheAccessLog() {
        try (LogCapture logs = new LogCapture()) {
            String secret = "abcdefSECRETabcdef";
            Reply reply = http().get("/users/Arne/tokens/" + secret, "Authorization", "Bearer " + secret);
            String line = logs.awaitLineContaining(reply.header("X-Request-Id"));
            assertThat(line).contains("/users/Arne/tokens/***");
            assertThat(logs.all()).doesNotContain(secret);
        }
    }

    @Test
    void aTokenShapedSegmentAnywhereInAPathIsRedactedToo() {
        try (LogCapture logs = new LogCapture()) {
            String token = "AbCdEfGhIjKlMnOp.qRsTuVwXyZ0123456789abcdefghijklmnopqrstuvwx";
            Reply reply = http().get("/users/Arne/token/" + token);
            String line = logs.awaitLineContaining(reply.header("X-Request-Id"));
            assertThat(line).contains("/users/Arne/token/***");
            assertThat(logs.all()).doesNotContain("qRsTuVwXyZ0123456789");
        }
    }

    @Test
    void aBrokenChunkedBodyIsA400NotA500() throws Exception {
        try (var socket = new java.net.Socket("127.0.0.1", http().base().getPort())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(("POST /sum HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                    + "Transfer-Encoding: chunked\r\n\r\nzz\r\n").getBytes());
            socket.shutdownOutput();
            String answer = new String(socket.getInputStream().readNBytes(300));
            assertThat(answer).startsWith("HTTP/1.1 400");
            assertThat(answer).contains("could not be read");
        }
    }

    /** Sends raw bytes, as a broken client would, and returns everything the server answers. */
    private String sendRaw(String request) throws Exception {
        try (var socket = new java.net.Socket("127.0.0.1", http().base().getPort())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
            socket.shutdownOutput();
            return new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    @ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', value = {
        "GET /a b c HTTP/1.1\\r\\nHost: x\\r\\n\\r\\n            | The request line is malformed",
        "GARBAGE\\r\\n\\r\\n                                  | The request line is malformed",
        "GET /%zz HTTP/1.1\\r\\nHost: x\\r\\n\\r\\n             | The request line is malformed",
        "GET /calculator?a=%zz HTTP/1.1\\r\\nHost: x\\r\\n\\r\\n | non hexadecimal char in % encoding",
        "GET /joke HTTP/1.1\\r\\nHost: bad host\\r\\n\\r\\n     | Invalid Host header",
        "GET /joke HTTP/1.1\\r\\nHost: x\\r\\nNoColon\\r\\n\\r\\n | Invalid header, missing colon",
        "GET /joke HTTP/1.1\\r\\n\\r\\n                        | Host header must be present",
        "G@T /joke HTTP/1.1\\r\\nHost: x\\r\\n\\r\\n             | characters HTTP does not allow",
        "GET, /joke HTTP/1.1\\r\\nHost: x\\r\\n\\r\\n            | characters HTTP does not allow",
    })
    void aRequestHelidonRefusesBeforeRoutingGetsAJson400SayingWhatIsWrong(String request, String problem) throws Exception {
        String answer;
        try (LogCapture log = new LogCapture()) {
            answer = sendRaw(request.replace("\\r\\n", "\r\n"));
            log.awaitLineContaining(" 400 (refused before routing)");
            assertThat(log.all()).doesNotContain("Exception");
        }
        assertThat(answer).startsWith("HTTP/1.1 400").contains("application/json", "{\"error\":\"").contains(problem);
        assertThat(answer).contains("X-Content-Type-Options: nosniff", "Referrer-Policy: no-referrer");
        assertThat(http().get("/healthz").status()).isEqualTo(200);
    }

    @Test
    void nothingSentAfterABrokenBodyIsTakenForAnotherRequest() throws Exception {
        String answer = sendRaw("POST /sum HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                + "Transfer-Encoding: chunked\r\n\r\nzz\r\n\r\nGET /joke HTTP/1.1\r\nHost: x\r\n\r\n");
        assertThat(answer).startsWith("HTTP/1.1 400").contains("could not be read");
        assertThat(answer.split("HTTP/1.1 ", -1)).as("one answer only: " + answer).hasSize(2);
    }

    @Test
    void aRequestSayingConnectionCloseIsTheLastOneServedOnItsConnection() throws Exception {
        String answer = sendRaw("GET /joke HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
                + "GET /joke HTTP/1.1\r\nHost: x\r\n\r\n");
        assertThat(answer).startsWith("HTTP/1.1 200");
        assertThat(answer.split("HTTP/1.1 ", -1)).as("one answer only: " + answer).hasSize(2);
    }

    @Test
    void theUserPartOfAnAbsoluteFormTargetIsNotLogged() throws Exception {
        try (LogCapture log = new LogCapture()) {
            String answer = sendRaw("GET http://someone:hunter22@x/joke HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
            assertThat(answer).startsWith("HTTP/1.1 ");
            log.awaitLineContaining("/joke");
            assertThat(log.all()).doesNotContain("hunter22").doesNotContain("someone");
        }
    }

    @Test
    void anHttp10RequestIsA505SayingToUseHttp11() throws Exception {
        String answer = sendRaw("GET /joke HTTP/1.0\r\n\r\n");
        assertThat(answer).startsWith("HTTP/1.1 505").contains("application/json", "consider using HTTP 1.1");
    }
}
