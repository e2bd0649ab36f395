package kyodo.ops.portal;

import kyodo.ops.ResidentMailbox;
import kyodo.ops.cli.ProcessorProgress;
import kyodo.ops.mail.Outbox;
import kyodo.ops.resident.follow.Digests;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Following in a real browser (issue 17), in Japanese and in English: a resident opens a proposal on
 * the portal, follows it through the link there, sees it in "what I follow" and chooses immediate mail
 * or the daily digest; staff answer the proposal; the mail arrives (at once, or in the next morning's
 * digest) and its unsubscribe link, opened without signing in, stops it. Every page on the way has no
 * WCAG 2.x A/AA violation that axe-core finds; screenshots go to {@code target/resident-screenshots/}.
 */
class ResidentFollowBrowserIT {

    private static final String STAFF = "follow-test-saiwai";
    private static final String STAFF_PASSWORD = "follow-test-staff-password";
    private static final String PASSWORD = "follow-browser-password";
    private static final Pattern UNSUBSCRIBE = Pattern.compile("http://localhost:8080(/resident/unsubscribe\\?\\S+)");

    @RegisterExtension
    static final BrowserSession session = BrowserSession.photographingInto("resident-screenshots")
            .withAccount(STAFF, STAFF_PASSWORD, "STAFF", "saiwai");
    private static PortalApp app;
    private static ChromeDriver browser;

    @Test
    void aResidentFollowsAProposalAndIsToldWhenStaffAnswerIt() throws IOException {
        journey("ja", "follow.planted-ja@example.jp", "フォロー試験 花子", "IMMEDIATE", "不採用になりました");
        journey("en", "follow.planted-en@example.jp", "Follow Tester", "DIGEST", "Rejected");
    }

    private static void journey(String lang, String email, String name, String mode, String told) throws IOException {
        String id = submitProposal();
        browser.manage().deleteAllCookies();
        session.open("/resident/sign-up?lang=" + lang);
        session.residentSignsUp(email, name, PASSWORD, page -> { });

        // on the portal's page of the proposal, a plain link leads to following it
        session.open("/proposals/" + id + "?lang=" + lang);
        session.arrivesAt(ExpectedConditions.presenceOfElementLocated(By.id("follow-link")));
        browser.findElement(By.id("follow-link")).click();
        session.arrivesAt(ExpectedConditions.presenceOfElementLocated(By.id("form-follow")));
        check("follow", lang);
        session.click("#form-follow button");
        session.arrivesAt(ExpectedConditions.urlContains("/resident/follows?notice=followed"));
        assertThat(browser.findElement(By.id("my-follows")).getText()).contains("ベンチのある広場に");
        browser.findElement(By.id(mode.equals("DIGEST") ? "mode-digest" : "mode-immediate")).click();
        session.click("#form-mode button");
        session.arrivesAt(ExpectedConditions.urlContains("/resident/follows?notice=mode"));
        check("follows", lang);

        // staff acknowledge and answer it: the mail comes at once, or with the next morning's digest
        for (Map.Entry<String, Map<String, ?>> command : List.of(
                Map.<String, Map<String, ?>>entry("acknowledgement", Map.of("department", "幸区役所 地域振興課")),
                Map.<String, Map<String, ?>>entry("decision", Map.of("outcome", "REJECTED", "reason", "予算の都合で見送ります")))) {
            long version = command.getKey().equals("acknowledgement") ? 0 : 1;
            staff().post().uri("/api/proposals/{id}/" + command.getKey(), id)
                    .header(HttpHeaders.IF_MATCH, "\"" + version + "\"").contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(command.getValue()).exchange().expectStatus().isOk();
        }
        String mail = notification(email, told, mode.equals("DIGEST"));
        assertThat(mail).contains("予算の都合で見送ります");

        // the mailed link works without a session, and stops the follow
        browser.manage().deleteAllCookies();
        Matcher link = UNSUBSCRIBE.matcher(mail);
        assertThat(link.find()).as("an unsubscribe link in the mail").isTrue();
        session.open(link.group(1) + "&lang=" + lang);
        session.arrivesAt(ExpectedConditions.presenceOfElementLocated(By.id("form-unsubscribe")));
        check("unsubscribe", lang);
        session.click("#form-unsubscribe button");
        session.arrivesAt(ExpectedConditions.presenceOfElementLocated(By.id("unsubscribed")));
        check("unsubscribed", lang);
    }

    /**
     * The notification mailed to {@code email} that says {@code told}, once the notifier queued it and
     * the relay wrote it; for the digest, the digest of a later morning each time round, so that an
     * answer the notifier noted after one digest comes with the next.
     */
    private static String notification(String email, String told, boolean digest) {
        // first the notifier (and every processor) catches up with the answer, as the HTTP tests wait for
        ProcessorProgress progress = ProcessorProgress.of(app.context());
        long head = progress.head();
        long caughtUp = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (!ProcessorProgress.caughtUp(progress.streamingProcessors().values(), head)) {
            assertThat(System.nanoTime()).as("processors caught up within 120 s; errors: %s",
                    ProcessorProgress.errors(progress.streamingProcessors())).isLessThan(caughtUp);
            pause();
        }
        Digests digests = app.bean(Digests.class);
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        for (int morning = 1; System.nanoTime() < deadline; morning++) {
            if (digest) {
                digests.sendDue(Instant.now().plus(Duration.ofDays(morning)));
            }
            List<String> texts = ResidentMailbox.texts(session.dataDir(), email).stream()
                    .filter(t -> t.contains("/resident/unsubscribe?") && t.contains(told)).toList();
            if (!texts.isEmpty()) {
                return texts.get(0);
            }
            pause();
        }
        throw new AssertionError("no notification for the resident within 60 s; " + app.bean(Outbox.class).pending()
                + " message(s) wait in the outbox");
    }

    /** Between two looks at what runs in the background (a condition is waited for, never a time). */
    private static void pause() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** A proposal in saiwai, as staff submit it through the API; its id once the portal shows it. */
    private static String submitProposal() {
        Map<?, ?> created = staff().post().uri("/api/proposals").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("ward", "saiwai", "title", "ベンチのある広場にしてほしい", "body", "座れる場所が足りません。",
                        "themes", List.of("公園"), "programme", "CITIZEN_PROPOSAL", "channel", "COUNTER",
                        "proposer", Map.of("name", "窓口 太郎", "contact", "madoguchi.planted@example.jp")))
                .exchange().expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody();
        String id = String.valueOf(created.get("id"));
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        WebTestClient portal = app.visitor();
        while (portal.get().uri("/proposals/{id}", id).exchange().returnResult(byte[].class).getStatus().value() != 200) {
            assertThat(System.nanoTime()).as("the portal shows the proposal within 60 s").isLessThan(deadline);
            pause();
        }
        return id;
    }

    private static WebTestClient staff() {
        return app.as(STAFF, STAFF_PASSWORD);
    }

    private static void check(String name, String lang) throws IOException {
        session.check("follow-" + name, lang);
    }
}
