package kyodo.ops.portal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The decision log in a real browser (Debian's Chromium) over the demo dataset, with a signed
 * checkpoint after every entry: a decision made through the API appears at the top of the open log
 * page without a reload and is announced; an entry verified in the browser passes every step, and
 * the same check fed a tampered entry (through the page's own verifier, with a source that alters
 * what the public API answered) fails and says which step. No WCAG A/AA violation on the log and on
 * an entry's page after verification, in Japanese and in English; screenshots at 1280 and 375 px,
 * and the README's pictures (home, a proposal, the log: Japanese, 1280 px) under
 * {@code target/portal-screenshots/readme/}.
 */
class DecisionBrowserIT {

    /** The demo's answered proposal on sharing local issues, found by a word of its title. */
    private static final String WORD = "仕組み";
    private static final Duration BOUND = Duration.ofSeconds(60);

    @RegisterExtension
    static final BrowserSession session = BrowserSession.photographingInto("portal-screenshots").withDemo()
            .with("--kyodo.audit.checkpoint-every=1");
    private static PortalApp app;
    private static ChromeDriver browser;
    private static String answeredId;
    private static long answeredSeq;

    @BeforeAll
    static void given() throws Exception {
        awaitAnswerSigned();
    }

    /** Waits until the demo's answered proposal's decision is in the log and under a signed checkpoint. */
    private static void awaitAnswerSigned() throws Exception {
        ObjectMapper json = new ObjectMapper();
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (true) {
            JsonNode found = json.readTree(read("/public/proposals?q=" + WORD));
            if (found.at("/total").asLong() == 1) {
                answeredId = found.at("/items/0/id").asText();
                JsonNode entries = json.readTree(read("/public/decisions?subjectId=" + answeredId
                        + "&kind=PROPOSAL_ANSWER"));
                String latest = app.visitor().get().uri("/public/audit/checkpoints/latest").exchange()
                        .expectBody(String.class).returnResult().getResponseBody();
                if (entries.at("/items").size() == 1 && latest != null && latest.contains("treeSize")
                        && json.readTree(latest).get("treeSize").asLong() >= entries.at("/items/0/seq").asLong()) {
                    answeredSeq = entries.at("/items/0/seq").asLong();
                    return;
                }
            }
            assertThat(System.nanoTime()).as("the demo's answer reached a signed checkpoint in 3 minutes")
                    .isLessThan(deadline);
            Thread.sleep(500);
        }
    }

    private static String read(String uri) {
        return app.visitor().get().uri(uri).exchange().expectStatus().isOk().expectBody(String.class)
                .returnResult().getResponseBody();
    }

    @Test
    void aDecisionMadeThroughTheApiArrivesLiveAtTheTopOfTheOpenLog() {
        session.open("/decisions?lang=ja");
        String before = browser.findElement(By.cssSelector("#decisions-cards > li")).getAttribute("data-seq");
        browser.executeScript("window.notReloaded = true;");
        String id = app.submit("公園のベンチを直してほしい", "ベンチが壊れています。");
        app.step(id, 0, "acknowledgement", Map.of("department", "幸区役所 道路公園センター"));
        app.step(id, 1, "decision", Map.of("outcome", "ACCEPTED", "reason", "今月中に直します。"));
        // the page is not reloaded: the card appears at the top by the live script
        new WebDriverWait(browser, BOUND).until(d -> d.findElement(By.cssSelector("#decisions-cards > li"))
                .getText().contains("公園のベンチを直してほしい"));
        String top = browser.findElement(By.cssSelector("#decisions-cards > li")).getAttribute("data-seq");
        assertThat(Long.parseLong(top)).isGreaterThan(Long.parseLong(before));
        assertThat(browser.executeScript("return window.notReloaded === true;")).as("the same page").isEqualTo(true);
        assertThat(browser.findElement(By.cssSelector("#decisions-cards > li a[href='/proposals/" + id + "']"))
                .isDisplayed()).isTrue();
        assertThat(browser.findElement(By.id("decisions-announce")).getAttribute("textContent"))
                .contains("新しい決定が加わりました", "公園のベンチを直してほしい");
        assertThat(browser.findElements(By.cssSelector("#decisions-cards > li[data-seq='" + top + "']")))
                .as("added once").hasSize(1);
    }

    @Test
    void aLiveLogKeepsItsFilter() {
        session.open("/decisions?outcome=REJECTED&lang=ja");
        String id = app.submit("駅に屋根をつけてほしい", "雨の日にぬれます。");
        app.step(id, 0, "acknowledgement", Map.of("department", "幸区役所 地域振興課"));
        app.step(id, 1, "decision", Map.of("outcome", "ACCEPTED", "reason", "来年度に工事します。"));
        String rejected = app.submit("駅前に噴水がほしい", "夏は暑いです。");
        app.step(rejected, 0, "acknowledgement", Map.of("department", "幸区役所 地域振興課"));
        app.step(rejected, 1, "decision", Map.of("outcome", "REJECTED", "reason", "予算がありません。"));
        new WebDriverWait(browser, BOUND).until(d -> d.findElement(By.tagName("main")).getText()
                .contains("駅前に噴水がほしい"));
        assertThat(browser.findElement(By.tagName("main")).getText()).as("the accepted one is filtered out")
                .doesNotContain("駅に屋根をつけてほしい");
    }

    @Test
    void anEntryVerifiedInTheBrowserPassesEveryStep() {
        session.open("/decisions/" + answeredSeq + "?lang=ja");
        browser.findElement(By.id("verify-button")).click();
        awaitSummary();
        assertThat(results()).containsExactly("確認できました", "確認できました", "確認できました", "確認できました",
                "確認できました");
        assertThat(summary().getAttribute("class")).contains("verify-ok");
        assertThat(summary().getText()).isEqualTo("すべて確認できました。第" + answeredSeq
                + "号の記録は、署名されたログに含まれていて、書き換えられていません。");
        assertThat(step("signature")).contains("鍵");
    }

    @Test
    void aTamperedEntryFailsVerificationAndSaysWhere() {
        session.open("/decisions/" + answeredSeq + "?lang=ja");
        // the page's own verifier, fed what the public API answered with the outcome changed
        Object outcome = verifyAltered("entry.outcome = 'REJECTED';");
        assertThat(outcome).isEqualTo("bad");
        assertThat(summary().getText()).startsWith("確認できませんでした。");
        assertThat(step("hash")).startsWith("一致しません").contains("書き換えられています");
        assertThat(step("proof")).startsWith("確認できました");
    }

    @Test
    void aTamperedEntryWithARecomputedHashFailsTheInclusionProof() {
        session.open("/decisions/" + answeredSeq + "?lang=ja");
        // the reason changed and the entry's hash recomputed to match: only the Merkle proof can tell
        Object outcome = verifyAltered("entry.reason = '別の理由'; entry.hash = await kyodoVerify.entryHash(entry);");
        assertThat(outcome).isEqualTo("bad");
        assertThat(step("hash")).startsWith("確認できました");
        assertThat(step("proof")).startsWith("一致しません");
        assertThat(summary().getText()).startsWith("確認できませんでした。");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"ja", "en"})
    void theLogAndAVerifiedEntryHaveNoWcagViolationAndArePhotographed(String lang) throws IOException {
        session.open("/decisions?lang=" + lang);
        session.check("decisions", lang);
        session.open("/decisions/" + answeredSeq + "?lang=" + lang);
        browser.findElement(By.id("verify-button")).click();
        awaitSummary();
        assertThat(summary().getAttribute("class")).contains("verify-ok");
        session.check("decision", lang);
    }

    /** The README's pictures: the top of the home page, a proposal and the log, in Japanese, 1280 px wide. */
    @Test
    void theReadmesPicturesAreTaken() throws IOException {
        for (String[] page : List.of(new String[]{"home", "/"}, new String[]{"proposal", "/proposals/" + answeredId},
                new String[]{"decisions", "/decisions"})) {
            session.open(page[1] + "?lang=ja");
            browser.manage().window().setSize(new Dimension(1280, 1400));
            Path file = session.screenshots().resolve("readme").resolve(page[0] + ".png");
            Chromium.capture(browser, file);
            assertThat(Files.size(file)).isPositive();
        }
        browser.manage().window().setSize(new Dimension(1280, 900));
    }

    /**
     * Runs the page's own verifier on the answered entry with a source that alters, by the script
     * {@code alteration} (on {@code entry}), what the public API answered; answers its outcome.
     */
    private static Object verifyAltered(String alteration) {
        // the page's scripts run once it has loaded: wait for the verifier (a bound, not a speed check)
        new WebDriverWait(browser, BOUND).until(d -> Boolean.TRUE.equals(
                browser.executeScript("return typeof kyodoVerify !== 'undefined';")));
        return browser.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                const source = kyodoVerify.httpSource();
                const entries = source.entries;
                const alter = async entry => { %s };
                source.entries = async seq => { const read = await entries(seq); await alter(read.entry); return read; };
                kyodoVerify.run(arguments[0], source).then(done, e => done('error: ' + e));""".formatted(alteration),
                answeredSeq);
    }

    /** Waits until the verification has said its last word (a bound for a stuck test, not a speed check). */
    private static void awaitSummary() {
        new WebDriverWait(browser, BOUND).until(d -> {
            String text = d.findElement(By.id("verify-summary")).getText();
            return !text.isEmpty() && !text.equals(d.findElement(By.cssSelector("#verify-texts [data-key=running]"))
                    .getAttribute("textContent"));
        });
    }

    private static org.openqa.selenium.WebElement summary() {
        return browser.findElement(By.id("verify-summary"));
    }

    private static String step(String name) {
        return browser.findElement(By.cssSelector("[data-step='" + name + "'] .verify-result")).getText();
    }

    /** Each step's verdict (the words before the separator). */
    private static List<String> results() {
        return browser.findElements(By.cssSelector(".verify-steps .verify-result")).stream()
                .map(el -> el.getText().split("：", 2)[0]).toList();
    }
}
