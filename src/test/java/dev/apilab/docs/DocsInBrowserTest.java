package dev.apilab.docs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.apilab.support.RunningServer;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * /docs in a real browser (headless Chromium from the Debian packages chromium and chromium-driver):
 * the page renders offline, "Try it out" on GET /joke calls this server and shows the joke, and a
 * token entered under "Authorize" is sent as the bearer token.
 */
class DocsInBrowserTest {
    private static final File CHROMIUM = new File("/usr/bin/chromium");
    private static final File CHROMEDRIVER = new File("/usr/bin/chromedriver");
    private static final String JOKE = "Why did the chicken cross the road? To get to the other side!";
    private static final Path SCREENSHOT = Path.of("target", "docs-screenshot.png");

    @RegisterExtension
    static final RunningServer server = RunningServer.withSettings();

    private ChromeDriver browser;
    private WebDriverWait wait;
    private Path profile;

    @BeforeEach
    void openChromium() throws Exception {
        boolean installed = CHROMIUM.canExecute() && CHROMEDRIVER.canExecute();
        if (!installed) {
            System.out.println("[apilab] DocsInBrowserTest skipped: install the Debian packages chromium and chromium-driver"
                    + " (apt-get install -y chromium chromium-driver) to run it");
        }
        assumeTrue(installed, "needs /usr/bin/chromium and /usr/bin/chromedriver (apt-get install -y chromium chromium-driver)");
        profile = Files.createTempDirectory("apilab-chromium");
        ChromeOptions options = new ChromeOptions()
                .setBinary(CHROMIUM)
                .addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                        "--disable-quic", "--no-first-run", "--disable-component-update", "--disable-sync",
                        "--disable-dev-shm-usage", "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER)
                .usingAnyFreePort()
                .build();
        browser = new ChromeDriver(service, options);
        browser.manage().window().setSize(new Dimension(1280, 1400));
        wait = new WebDriverWait(browser, Duration.ofSeconds(30));
    }

    @AfterEach
    void closeChromium() throws Exception {
        if (browser != null) {
            browser.quit();
        }
        if (profile != null) {
            try (var files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @Test
    void tryingOutGetJokeInTheDocsShowsTheJoke() throws Exception {
        String base = server.app().uri().toString();
        browser.get(base + "/docs");
        WebElement joke = operation("operations-Tutorial-joke");
        assertThat(browser.findElement(By.cssSelector(".info .title")).getText()).contains("apilab");
        tryItOut(joke);

        WebElement body = answerContaining(joke, JOKE);
        assertThat(joke.findElement(By.cssSelector(".live-responses-table .response .response-col_status")).getText())
                .startsWith("200");

        ((JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView({block: 'center'})", body);
        File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        Files.createDirectories(SCREENSHOT.getParent());
        Files.copy(shot.toPath(), SCREENSHOT, StandardCopyOption.REPLACE_EXISTING);

        @SuppressWarnings("unchecked")
        List<String> loaded = (List<String>) ((JavascriptExecutor) browser)
                .executeScript("return performance.getEntriesByType('resource').map(e => e.name)");
        assertThat(loaded).as("everything the page loaded").isNotEmpty().allSatisfy(url -> assertThat(url).startsWith(base + "/"));
    }

    @Test
    void aBearerTokenEnteredUnderAuthorizeIsSentByTryItOut() {
        String token = server.http().post("/users", Map.of("username", "Docs", "password", "password123",
                "age", 29, "email", "docs@example.com")).json().at("/access_token/token").asText();
        browser.get(server.app().uri() + "/docs");
        WebElement profile = operation("operations-Users-getProfile");

        browser.findElement(By.cssSelector(".auth-wrapper .authorize")).click();
        WebElement dialog = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".modal-ux")));
        dialog.findElement(By.cssSelector("input")).sendKeys(token);
        dialog.findElement(By.cssSelector(".auth-btn-wrapper .authorize")).click();
        dialog.findElement(By.cssSelector(".auth-btn-wrapper .btn-done")).click();

        profile.findElement(By.cssSelector(".opblock-summary-control")).click();
        wait.until(ExpectedConditions.elementToBeClickable(profile.findElement(By.cssSelector(".try-out__btn")))).click();
        WebElement username = profile.findElement(By.cssSelector("tr[data-param-name='username'] input"));
        username.clear(); // the contract's example, Arne, is filled in
        username.sendKeys("Docs");
        profile.findElement(By.cssSelector(".execute")).click();

        assertThat(answerContaining(profile, "docs@example.com").getText()).contains("\"username\": \"Docs\"");
    }

    private WebElement operation(String id) {
        return wait.until(ExpectedConditions.presenceOfElementLocated(By.id(id)));
    }

    private void tryItOut(WebElement operation) {
        operation.findElement(By.cssSelector(".opblock-summary-control")).click();
        wait.until(ExpectedConditions.elementToBeClickable(operation.findElement(By.cssSelector(".try-out__btn")))).click();
        wait.until(ExpectedConditions.elementToBeClickable(operation.findElement(By.cssSelector(".execute")))).click();
    }

    private WebElement answerContaining(WebElement operation, String text) {
        return wait.until(d -> {
            List<WebElement> shown = operation.findElements(By.cssSelector(".live-responses-table .response-col_description pre"));
            return shown.isEmpty() || !shown.get(0).getText().contains(text) ? null : shown.get(0);
        });
    }
}
