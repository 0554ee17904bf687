package dev.apilab.tutorial;

import static org.assertj.core.api.Assertions.assertThat;

import dev.apilab.support.Http;
import dev.apilab.support.Reply;
import dev.apilab.support.RunningServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TutorialEndpointsTest {
    @RegisterExtension
    static final RunningServer server = RunningServer.withSettings();

    private Http http() {
        return server.http();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "/|Hello, World!",
        "/poems/roses|Roses are red, violets are blue, I am a poet, and I know it!",
        "/poems/math|Math is fun, it is true, I love math, and so should you!",
        "/joke|Why did the chicken cross the road? To get to the other side!",
        "/calculator?a=1&b=2&c=3|1 + 2 + 3 = 6",
        "/people?name=Peter%20Parker|Decoded: Peter Parker",
        "/people?name=Peter+Parker|Decoded: Peter Parker",
    })
    void notebookTextEndpointsAnswerExactlyWhatTheNotebookShows(String path, String expected) {
        Reply reply = http().get(path);
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body()).isEqualTo(expected);
        assertThat(reply.header("Content-Type")).startsWith("text/plain");
    }

    @Test
    void peopleDecodesReservedCharactersInTheQuery() {
        String encoded = "Some%20kind%20of%20%23weird%20%40strange%20/message%20with%20%2B%20symbols.";
        assertThat(http().get("/people?name=" + encoded).body())
                .isEqualTo("Decoded: Some kind of #weird @strange /message with + symbols.");
    }

    @Test
    void peopleWithoutANameIsA400NamingTheParameter() {
        Reply reply = http().get("/people");
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.error()).contains("'name'").contains("missing");
    }

    @Test
    void hobbiesDecodeThePathSegment() {
        assertThat(http().get("/people/Peter%20Parker/hobbies").json().toString())
                .isEqualTo("[\"Photography\",\"Science\",\"Web-slinging\"]");
        assertThat(http().get("/people/Batman/hobbies").json().toString())
                .isEqualTo("[\"Money\",\"Gadgets\",\"Justice\"]");
    }

    @Test
    void hobbiesOfAnUnknownPersonAre404PersonNotFound() {
        Reply reply = http().get("/people/Nobody/hobbies");
        assertThat(reply.status()).isEqualTo(404);
        assertThat(reply.error()).isEqualTo("Person not found");
    }

    @Test
    void jsonExampleIsTheNotebooksObjectExactly() {
        Reply reply = http().get("/json/example");
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.header("Content-Type")).startsWith("application/json");
        assertThat(reply.body()).isEqualTo("{\"databaseName\":\"people\",\"numEntries\":2,\"readOnly\":true,"
                + "\"entries\":{\"size\":2,\"values\":[{\"name\":\"Alice\",\"age\":25},{\"name\":\"Bob\",\"age\":30}]}}");
    }

    @Test
    void calculatorAcceptsSurroundingSpacesAndSignsAsPythonsIntDoes() {
        assertThat(http().get("/calculator?a=%201%20&b=-2&c=%2B3").body()).isEqualTo("1 + -2 + 3 = 2");
    }

    @Test
    void calculatorSumsIntegersOfAnySizeExactly() {
        String big = "123456789012345678901234567890";
        assertThat(http().get("/calculator?a=" + big + "&b=" + big + "&c=1").body())
                .isEqualTo(big + " + " + big + " + 1 = 246913578024691357802469135781");
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.0", "1e3", "0.5", ".5"})
    void calculatorRefusesDecimalsSayingSo(String value) {
        Reply reply = http().get("/calculator?a=" + value + "&b=2&c=3");
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.error()).contains("'a'").contains("decimals are not accepted");
        assertThat(reply.json().at("/details/0/field").asText()).isEqualTo("a");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0x1", "abc", "1_000", "%E2%85%A0", "--1", "1%200"})
    void calculatorRefusesWhatIsNotAnInteger(String value) {
        Reply reply = http().get("/calculator?a=1&b=" + value + "&c=3");
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.error()).startsWith("'b' must be an integer");
    }

    @Test
    void calculatorNamesTheMissingOrEmptyParameter() {
        assertThat(http().get("/calculator?a=1&b=2").error()).isEqualTo("'c' is missing: add ?c=<integer> to the URL");
        assertThat(http().get("/calculator?a=&b=2&c=3").error()).isEqualTo("'a' is empty; expected an integer");
    }

    @Test
    void calculatorRefusesAParameterGivenTwice() {
        Reply reply = http().get("/calculator?a=1&a=2&b=2&c=3");
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.error()).contains("'a' is given 2 times");
    }

    @Test
    void calculatorRefusesMoreDigitsThanPythonWouldRead() {
        Reply reply = http().get("/calculator?a=" + "9".repeat(QueryIntegers.MAX_DIGITS + 1) + "&b=1&c=1");
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.error()).contains("more than 4300 digits");
    }
}
