package kyodo.ops.portal;

import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import kyodo.ops.KyodoApplication;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedCondition;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The staff console in a real browser (Debian's Chromium, as the portal's tests): the sign-in page, the
 * ward inbox, a proposal with its forms and a form refused for its fields have no WCAG 2.x A/AA
 * violation that axe-core finds, in Japanese and English, and are photographed under
 * {@code target/console-screenshots/}; a member of staff signs in and answers a proposal with the
 * keyboard alone.
 */
class ConsoleBrowserIT {

    private static final List<String> WCAG_A_AA = List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa");
    private static final Path SCREENSHOTS = Path.of("target", "console-screenshots");
    private static final String STAFF = "console-test-saiwai";
    private static final String PASSWORD = "console-test-password";
    private static final String TO_ANSWER = "公園のベンチを増やしてほしい";
    private static final String TO_SHOW = "図書館の開館時間を延ばしてほしい";

    @TempDir
    static Path dataDir;
    @TempDir
    static Path profile;
    private static ConfigurableApplicationContext app;
    private static ChromeDriver browser;
    private static String baseUrl;
    private static String toAnswer;
    private static String toShow;

    @BeforeAll
    static void start() throws Exception {
        browser = Chromium.start(profile);
        List<String> args = new ArrayList<>(List.of("--server.port=0", "--kyodo.data-dir=" + dataDir,
                "--spring.main.banner-mode=off", "--logging.level.root=WARN",
                "--kyodo.security.rate-limit.public-per-minute=0",
                "--kyodo.security.accounts[0].username=" + STAFF,
                "--kyodo.security.accounts[0].password-hash=" + new BCryptPasswordEncoder(4).encode(PASSWORD),
                "--kyodo.security.accounts[0].role=STAFF", "--kyodo.security.accounts[0].ward=saiwai"));
        app = KyodoApplication.start(args.toArray(String[]::new));
        baseUrl = "http://localhost:" + ((WebServerApplicationContext) app).getWebServer().getPort();
        toAnswer = submit(TO_ANSWER);
        toShow = submit(TO_SHOW);
        api().post().uri("/api/proposals/{id}/acknowledgement", toAnswer).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("department", "幸区役所 道路公園センター", "responseDueDays", 5))
                .exchange().expectStatus().isOk();
        api().get().uri("/api/proposals/{id}?minVersion=1", toAnswer).exchange().expectStatus().isOk();
        api().get().uri("/api/proposals/{id}?minVersion=0", toShow).exchange().expectStatus().isOk();
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (app != null) {
            app.close();
        }
    }

    private static WebTestClient api() {
        return WebTestClient.bindToServer(new ReactorClientHttpConnector(
                        HttpClient.create(ConnectionProvider.newConnection())))
                .baseUrl(baseUrl).responseTimeout(Duration.ofSeconds(30))
                .defaultHeaders(h -> h.setBasicAuth(STAFF, PASSWORD)).build();
    }

    private static String submit(String title) {
        Map<?, ?> answer = api().post().uri("/api/proposals").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("ward", "saiwai", "title", title, "body", "朝と夕方に座れる場所が足りません。",
                        "themes", List.of("公園"), "programme", "CITIZEN_PROPOSAL", "channel", "WEB",
                        "proposer", Map.of("name", "コンソール 試験子", "contact", "console-test@example.jp")))
                .exchange().expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody();
        return (String) answer.get("id");
    }

    static Stream<String[]> pages() {
        return Stream.of("ja", "en").flatMap(lang -> Stream.of(new String[]{"sign-in", "/console/sign-in", lang},
                new String[]{"inbox", "/console", lang}, new String[]{"proposal", "/console/proposals/{show}", lang},
                new String[]{"not-found", "/console/proposals/no-such-proposal", lang}));
    }

    @ParameterizedTest(name = "{0} ({2})")
    @MethodSource("pages")
    void everyConsolePageHasNoWcagViolationAndIsPhotographed(String name, String path, String lang) throws IOException {
        if (!name.equals("sign-in")) {
            signInWithTheMouse();
        }
        browser.get(baseUrl + path.replace("{show}", toShow) + "?lang=" + lang);
        checkAndPhotograph(name, lang);
    }

    @Test
    void aFormRefusedForItsFieldsShowsEachErrorBesideItsFieldWithoutViolations() throws IOException {
        signInWithTheMouse();
        for (String lang : List.of("ja", "en")) {
            browser.get(baseUrl + "/console/proposals/" + toShow + "?lang=" + lang);
            browser.findElement(By.cssSelector("#form-answer button[type=submit]")).click();
            arrivesAt(ExpectedConditions.presenceOfElementLocated(By.id("answer-reason-error")));
            assertThat(browser.findElement(By.id("answer-reason")).getAttribute("aria-describedby"))
                    .isEqualTo("answer-reason-error");
            assertThat(browser.findElement(By.id("answer-outcome-error")).getText())
                    .isEqualTo(lang.equals("ja") ? "選んでください。" : "Please choose one.");
            checkAndPhotograph("invalid-answer", lang);
        }
    }

    @Test
    void aMemberOfStaffSignsInAndAnswersAProposalWithTheKeyboardAlone() {
        // a browser that is not signed in (the session cookie of the other tests dropped) and reads Japanese
        browser.get(baseUrl + "/console/sign-in");
        browser.manage().deleteAllCookies();
        browser.get(baseUrl + "/console/sign-in?lang=ja");
        browser.get(baseUrl + "/console");
        assertThat(browser.getCurrentUrl()).isEqualTo(baseUrl + "/console/sign-in");
        WebElement username = tabUntil(el -> "username".equals(el.getAttribute("id")), 10);
        assertThat(outline(username)).isNotEqualTo("none");
        new Actions(browser).sendKeys(STAFF).sendKeys(Keys.TAB).sendKeys(PASSWORD).sendKeys(Keys.ENTER).perform();
        arrivesAt(ExpectedConditions.urlToBe(baseUrl + "/console"));
        assertThat(browser.findElement(By.id("box-dueSoon")).getText()).contains(TO_ANSWER);

        WebElement link = tabUntil(el -> TO_ANSWER.equals(el.getText()), 60);
        assertThat(outline(link)).isNotEqualTo("none");
        new Actions(browser).sendKeys(Keys.ENTER).perform();
        arrivesAt(ExpectedConditions.urlContains("/console/proposals/" + toAnswer));
        assertThat(browser.findElement(By.tagName("main")).getText()).contains("コンソール 試験子");

        WebElement accepted = tabUntil(el -> el.getAttribute("id") != null
                && el.getAttribute("id").startsWith("answer-outcome-"), 60);
        if (!"answer-outcome-ACCEPTED".equals(accepted.getAttribute("id"))) {
            new Actions(browser).sendKeys(Keys.ARROW_UP).perform();
        }
        new Actions(browser).sendKeys(Keys.SPACE).perform();
        assertThat(browser.findElement(By.id("answer-outcome-ACCEPTED")).isSelected()).isTrue();
        tabUntil(el -> "answer-reason".equals(el.getAttribute("id")), 3);
        new Actions(browser).sendKeys("来年度に2基設置します").perform();
        WebElement send = tabUntil(el -> el.getTagName().equals("button")
                && el.findElements(By.xpath("ancestor::form[@id='form-answer']")).size() == 1, 5);
        assertThat(outline(send)).isNotEqualTo("none");
        new Actions(browser).sendKeys(Keys.ENTER).perform();
        arrivesAt(ExpectedConditions.urlContains("done=answer"));
        assertThat(browser.findElement(By.id("done")).getText()).isEqualTo("回答を記録しました。");
        assertThat(browser.findElement(By.cssSelector("p.badges")).getText()).contains("採用");
        assertThat(browser.findElement(By.tagName("main")).getText()).contains("来年度に2基設置します");
    }

    private static void signInWithTheMouse() {
        browser.get(baseUrl + "/console");
        if (!browser.getCurrentUrl().contains("/console/sign-in")) {
            return;
        }
        browser.findElement(By.id("username")).sendKeys(STAFF);
        browser.findElement(By.id("password")).sendKeys(PASSWORD);
        browser.findElement(By.cssSelector("form.console-form button")).click();
        arrivesAt(ExpectedConditions.urlToBe(baseUrl + "/console"));
    }

    private static void checkAndPhotograph(String name, String lang) throws IOException {
        assertThat(browser.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo(lang);
        Results results = new AxeBuilder().withTags(WCAG_A_AA).analyze(browser);
        assertThat(results.isErrored()).as("axe-core ran").isFalse();
        assertThat(results.getViolations()).as("WCAG A/AA violations on %s (%s):%n%s", name, lang,
                describe(results.getViolations())).isEmpty();
        assertThat(results.getPasses()).as("axe-core checked something").isNotEmpty();
        Chromium.screenshot(browser, 1280, SCREENSHOTS.resolve(name + "-" + lang + "-1280.png"));
        Chromium.screenshot(browser, 375, SCREENSHOTS.resolve(name + "-" + lang + "-375.png"));
    }

    /** Presses Tab until the focused element matches, at most {@code max} times; answers it. */
    private static WebElement tabUntil(Predicate<WebElement> wanted, int max) {
        for (int i = 0; i < max; i++) {
            new Actions(browser).sendKeys(Keys.TAB).perform();
            WebElement focused = browser.switchTo().activeElement();
            if (wanted.test(focused)) {
                return focused;
            }
        }
        throw new AssertionError("not reached with " + max + " presses of Tab");
    }

    private static String outline(WebElement element) {
        return element.getCssValue("outline-style");
    }

    private static String describe(List<Rule> violations) {
        return violations.stream().map(v -> "- " + v.getId() + ": " + v.getHelp() + " at "
                        + v.getNodes().stream().map(n -> String.valueOf(n.getTarget())).collect(Collectors.joining(", ")))
                .collect(Collectors.joining("\n"));
    }

    /** Waits for the browser to get where a click or Enter sends it (a bound for a stuck test, not a speed check). */
    private static void arrivesAt(ExpectedCondition<?> where) {
        new WebDriverWait(browser, Duration.ofSeconds(30)).until(where);
    }
}
