package dev.apilab.docs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.apilab.support.Http;
import dev.apilab.support.Reply;
import dev.apilab.support.RunningServer;
import java.net.http.HttpRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** /docs: Swagger UI from the jar, pointed at the served contract. */
class DocsPageTest {
    @RegisterExtension
    static final RunningServer server = RunningServer.withSettings();

    private Http http() {
        return server.http();
    }

    @Test
    void docsIsAnHtmlPageThatLoadsSwaggerUiFromThisServer() {
        Reply page = http().get("/docs");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.header("Content-Type")).isEqualTo("text/html; charset=utf-8");
        assertThat(page.body()).contains("src=\"/docs/swagger-ui-bundle.js\"")
                .contains("src=\"/docs/swagger-initializer.js\"")
                .contains("href=\"/docs/swagger-ui.css\"")
                .doesNotContain("https://");
    }

    @Test
    void theInitializerPointsTheUiAtTheServedContract() {
        Reply script = http().get("/docs/swagger-initializer.js");
        assertThat(script.status()).isEqualTo(200);
        assertThat(script.body()).contains("url: \"/openapi.json\"").contains("SwaggerUIBundle(");
    }

    @Test
    void docsWithATrailingSlashRedirectsToDocs() {
        Reply reply = http().get("/docs/");
        assertThat(reply.status()).isEqualTo(301);
        assertThat(reply.header("Location")).isEqualTo("/docs");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "swagger-ui-bundle.js|text/javascript; charset=utf-8|SwaggerUIBundle",
        "swagger-ui.css|text/css; charset=utf-8|.swagger-ui",
        "favicon-32x32.png|image/png|PNG",
    })
    void theWebjarsFilesAreServedWithTheirContentType(String file, String contentType, String content) {
        Reply reply = http().get("/docs/" + file);
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.header("Content-Type")).isEqualTo(contentType);
        assertThat(reply.body()).contains(content);
        assertThat(reply.header("X-Content-Type-Options")).isEqualTo("nosniff");
    }

    @ParameterizedTest
    @ValueSource(strings = {"index.html", "nope.js", "swagger-ui.js.map", "..%2Fopenapi.yaml", "%2e%2e%2fpom.xml",
        "..%5C..%5Cpom.xml", "META-INF%2FMANIFEST.MF"})
    void anythingElseUnderDocsIsAJson404(String file) {
        Reply reply = http().get("/docs/" + file);
        assertThat(reply.status()).isEqualTo(404);
        assertThat(reply.header("Content-Type")).startsWith("application/json");
    }

    @Test
    void headOnAFileAnswersLikeGetWithoutABody() {
        Reply get = http().get("/docs/swagger-ui.css");
        Reply head = http().send(http().request("/docs/swagger-ui.css").method("HEAD", HttpRequest.BodyPublishers.noBody()).build());
        assertThat(head.status()).isEqualTo(200);
        assertThat(head.body()).isEmpty();
        assertThat(head.header("Content-Length")).isEqualTo(get.header("Content-Length"));
        assertThat(head.header("Content-Type")).isEqualTo(get.header("Content-Type"));
    }

    @Test
    void theDocsAreReadOnly() {
        Reply reply = http().post("/docs", "{}");
        assertThat(reply.status()).isEqualTo(405);
        assertThat(reply.header("Allow")).isEqualTo("GET, HEAD, OPTIONS");
    }
}
