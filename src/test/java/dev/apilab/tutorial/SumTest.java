package dev.apilab.tutorial;

import static org.assertj.core.api.Assertions.assertThat;

import dev.apilab.support.Http;
import dev.apilab.support.Reply;
import dev.apilab.support.RunningServer;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SumTest {
    @RegisterExtension
    static final RunningServer server = RunningServer.withSettings();

    private Http http() {
        return server.http();
    }

    @Test
    void postingTheNotebooksPayloadAnswersTheSumAndTheInputs() {
        Reply reply = http().post("/sum", Map.of("a", 1, "b", 2, "c", 3));
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().toString()).isEqualTo("{\"a\":1,\"b\":2,\"c\":3,\"sum\":6}");
    }

    @Test
    void getWithAQueryStringAnswersTheSameSum() {
        assertThat(http().get("/sum?a=1&b=2&c=3").json().toString()).isEqualTo("{\"a\":1,\"b\":2,\"c\":3,\"sum\":6}");
    }

    @Test
    void integersBeyondSixtyFourBitsAreSummedExactly() {
        Reply reply = http().post("/sum", "{\"a\": 9223372036854775807, \"b\": 9223372036854775807, \"c\": 2}");
        assertThat(reply.json().get("sum").bigIntegerValue().toString()).isEqualTo("18446744073709551616");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"a\":1.5,\"b\":2,\"c\":3}|'a' must be a whole number, not a decimal (1.5)",
        "{\"a\":29.0,\"b\":2,\"c\":3}|'a' must be written as a whole number, without a decimal point or exponent (like 29)",
        "{\"a\":2.9e1,\"b\":2,\"c\":3}|'a' must be written as a whole number, without a decimal point or exponent (like 29)",
        "{\"a\":1,\"b\":\"2\",\"c\":3}|'b' must be an integer, not a string",
        "{\"a\":1,\"b\":2}|'c' is required",
        "{\"a\":1,\"b\":2,\"c\":null}|'c' must not be null",
        "{\"a\":1,\"b\":2,\"c\":3,\"d\":4}|'d' is not a known field; expected a, b, c",
        "[1,2,3]|The request body must be a JSON object, not an array",
    })
    void wrongBodiesAreA400NamingTheProblem(String body, String message) {
        Reply reply = http().post("/sum", body);
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.error()).isEqualTo(message);
    }

    @Test
    void malformedJsonTrailingContentAndDuplicateKeysAre400s() {
        assertThat(http().post("/sum", "{\"a\":1,").status()).isEqualTo(400);
        Reply trailing = http().post("/sum", "{\"a\":1,\"b\":2,\"c\":3} {}");
        assertThat(trailing.status()).isEqualTo(400);
        assertThat(trailing.error()).startsWith("The request body is not valid JSON");
        Reply duplicate = http().post("/sum", "{\"a\":1,\"a\":2,\"b\":2,\"c\":3}");
        assertThat(duplicate.status()).isEqualTo(400);
        assertThat(duplicate.error()).contains("Duplicate field 'a'");
    }

    @Test
    void anEmptyBodyIsA400() {
        Reply reply = http().post("/sum", "");
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.error()).contains("empty");
    }

    @Test
    void aBodyThatIsNotJsonIsA415() {
        Reply reply = http().send(http().request("/sum")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("a=1&b=2&c=3")).build());
        assertThat(reply.status()).isEqualTo(415);
        assertThat(reply.error()).contains("application/json");
    }

    @Test
    void getWithADecimalIsA400() {
        Reply reply = http().get("/sum?a=1&b=2.5&c=3");
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.error()).contains("'b'").contains("decimals");
    }
}
