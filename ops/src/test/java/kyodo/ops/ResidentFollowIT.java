package kyodo.ops;

import jakarta.mail.internet.MimeMessage;
import kyodo.ops.cli.KyodoCli;
import kyodo.ops.resident.follow.Digests;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.MediaType;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Residents follow what matters to them and are told by mail (issue 17), over HTTP as a browser
 * without JavaScript uses it: follow a proposal from its portal page, follow a whole ward, choose
 * immediate mail or the daily digest; staff answer the proposal and the mail lands in the outbox once,
 * in the resident's language, with a signed one-click unsubscribe link (RFC 8058) that works without
 * signing in and changes nothing when tampered with. Neither a restart, a replay of the read models nor
 * a replay of the notifier itself sends anything twice. Names and addresses reach no public answer
 * and no log line; the ADMIN's outbox list shows the mail with the addresses masked.
 */
@ExtendWith(OutputCaptureExtension.class)
class ResidentFollowIT {

    @RegisterExtension
    static final RunningApp app = new RunningApp();
    private static final Client saiwaiStaff = app.as("STAFF", "saiwai");
    private static final String PASSWORD = "a-resident-password-1";

    /** A resident signed up, confirmed and signed in (on a page in {@code lang}). */
    private static ConsoleSession signedUp(String email, String name, String lang) {
        ConsoleSession resident = new ConsoleSession(() -> app.app().anonymousHttp(), null);
        resident.get("/resident/sign-up?lang=" + lang).status(200);
        resident.post("/resident/sign-up", Map.of("email", email, "name", name, "password", PASSWORD))
                .redirectsTo("/resident/confirm?sent=1");
        resident.get("/resident/confirm").status(200);
        resident.post("/resident/confirm", Map.of("email", email, "code", ResidentMailbox.codeFor(app.dataDir(), email)))
                .redirectsTo("/resident/sign-in?notice=confirmed");
        signIn(resident, email);
        return resident;
    }

    private static void signIn(ConsoleSession resident, String email) {
        resident.get("/resident/sign-in").status(200);
        resident.post("/resident/sign-in", Map.of("email", email, "password", PASSWORD)).redirectsTo("/resident");
    }

    /** The notifications in the outbox directory for {@code to} (its confirmation code left out). */
    private static List<MimeMessage> notifications(String to) {
        return ResidentMailbox.outbox(app.dataDir(), to).stream().filter(m -> header(m, "List-Unsubscribe") != null)
                .toList();
    }

    private static String header(MimeMessage message, String name) {
        try {
            String[] values = message.getHeader(name);
            return values == null ? null : values[0];
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String subject(MimeMessage message) {
        try {
            return message.getSubject();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The one-click POST a mail program sends to the link of {@code List-Unsubscribe}: no cookie, no token. */
    private static int oneClick(String link) {
        return app.app().anonymousHttp().post().uri(here(link)).contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .bodyValue("List-Unsubscribe=One-Click").exchange().returnResult(byte[].class).getStatus().value();
    }

    /** The mailed link on the test's port, kept encoded as it was mailed. */
    private static URI here(String link) {
        URI mailed = URI.create(link);
        return URI.create("http://localhost:" + app.port() + mailed.getRawPath() + "?" + mailed.getRawQuery());
    }

    /** The link with its signature's last hex digit changed (to another digit, whatever it was). */
    private static String withLastSignatureDigitChanged(String link) {
        char last = link.charAt(link.length() - 1);
        return link.substring(0, link.length() - 1) + (last == '0' ? '1' : '0');
    }

    private static String unsubscribeLink(MimeMessage message) {
        String header = header(message, "List-Unsubscribe");
        assertThat(header).startsWith("<http://localhost:8080/resident/unsubscribe?").endsWith(">");
        return header.substring(1, header.length() - 1);
    }

    @Test
    void followersAreToldOnceImmediatelyOrInTheDigestAndUnsubscribeByTheSignedLink(CapturedOutput output) {
        String annaEmail = "anna.planted-follow@example.jp";
        String annaName = "フォロー プランテッド杏奈";
        String kenEmail = "ken.planted-follow@example.jp";
        String kenName = "Planted Follower Ken";
        ConsoleSession anna = signedUp(annaEmail, annaName, "ja");
        ConsoleSession ken = signedUp(kenEmail, kenName, "en");

        // given: a proposal in saiwai; its portal page links to following it
        String id = saiwaiStaff.submitProposal();
        KyodoTestApp.eventually(() -> assertThat(app.anonymous().get("/proposals/{id}", id).ok().text())
                .contains("/resident/follows/new?kind=proposal&amp;id=" + id, "kind=ward&amp;id=saiwai"));
        // anna follows the proposal (immediate mail, the default); following twice records nothing more
        assertThat(anna.get("/resident/follows/new?kind=proposal&id=" + id).status(200).html())
                .contains("id=\"form-follow\"", "駅前の駐輪場を増やしてほしい");
        anna.post("/resident/follows", Map.of("kind", "proposal", "id", id)).redirectsTo("/resident/follows?notice=followed");
        long events = app.storedEvents();
        anna.post("/resident/follows", Map.of("kind", "proposal", "id", id)).redirectsTo("/resident/follows?notice=followed");
        assertThat(app.storedEvents()).isEqualTo(events);
        assertThat(anna.get("/resident/follows/new?kind=proposal&id=" + id).status(200).html()).contains("id=\"following\"");
        assertThat(anna.get("/resident/follows").status(200).html()).contains("駅前の駐輪場を増やしてほしい");
        // bad input: a kind that is none, an id that is none, a follow without the session's token
        anna.get("/resident/follows/new?kind=budget&id=" + id).status(400);
        anna.get("/resident/follows/new?kind=proposal&id=no-such-proposal").status(404);
        anna.post("/resident/follows/mode", Map.of("mode", "HOURLY")).status(400);
        anna.postWithout("/resident/follows", Map.of("kind", "ward", "id", "saiwai")).status(403);
        assertThat(app.storedEvents()).isEqualTo(events);
        // ken follows the whole ward, in the daily digest
        ken.get("/resident/follows/new?kind=ward&id=SAIWAI").status(200);
        ken.post("/resident/follows", Map.of("kind", "ward", "id", "saiwai")).redirectsTo("/resident/follows?notice=followed");
        ken.get("/resident/follows").status(200);
        ken.post("/resident/follows/mode", Map.of("mode", "DIGEST")).redirectsTo("/resident/follows?notice=mode");
        assertThat(ken.get("/resident/follows").status(200).html()).contains("value=\"DIGEST\" checked");

        // when: staff acknowledge and answer it, with a reason
        saiwaiStaff.post("/api/proposals/{id}/acknowledgement", id).ifMatch(0)
                .body(Map.of("department", "幸区役所 地域振興課")).answersVersion(id, 1);
        saiwaiStaff.post("/api/proposals/{id}/decision", id).ifMatch(1)
                .body(Map.of("outcome", "REJECTED", "reason", "予算の都合で今年度は見送ります")).answersVersion(id, 2);

        // then: anna gets two mails at once, in Japanese, with the reason and a signed one-click link
        // (queued by the notifier, written out by the relay)
        app.awaitReadModels();
        KyodoTestApp.eventually(() -> assertThat(notifications(annaEmail)).hasSize(2));
        MimeMessage answered = notifications(annaEmail).stream().filter(m -> subject(m).contains("不採用")).findFirst()
                .orElseThrow();
        assertThat(subject(answered)).isEqualTo("[kyodo] 駅前の駐輪場を増やしてほしい: 不採用になりました");
        assertThat(ResidentMailbox.text(answered)).contains("予算の都合で今年度は見送ります",
                "http://localhost:8080/proposals/" + id, "配信の停止: http://localhost:8080/resident/unsubscribe?");
        assertThat(header(answered, "List-Unsubscribe-Post")).isEqualTo("List-Unsubscribe=One-Click");
        // ken chose the digest: nothing yet; at the digest's hour the next morning, one mail in English
        app.awaitReadModels();
        assertThat(notifications(kenEmail)).isEmpty();
        Digests digests = app.context().getBean(Digests.class);
        Instant nextMorning = Instant.now().plus(Duration.ofDays(1));
        assertThat(digests.sendDue(nextMorning)).isEqualTo(1);
        assertThat(digests.sendDue(nextMorning)).isZero();
        KyodoTestApp.eventually(() -> assertThat(notifications(kenEmail)).hasSize(1));
        MimeMessage digest = notifications(kenEmail).get(0);
        assertThat(subject(digest)).startsWith("[kyodo] Notifications of ").endsWith(" (2)");
        assertThat(ResidentMailbox.text(digest)).contains("Acknowledged (department)", "幸区役所 地域振興課",
                "Rejected", "予算の都合で今年度は見送ります", "Stop all notifications: ");

        // no duplicate: not after a restart, not after the notifier itself read every event again,
        // not after a replay of the read models
        app.restart();
        app.awaitReadModels();
        resetNotifier();
        app.awaitReadModels();
        replayReadModels();
        app.awaitReadModels();
        assertThat(digests(nextMorning.plus(Duration.ofDays(1)))).isZero();
        assertThat(notifications(annaEmail)).hasSize(2);
        assertThat(notifications(kenEmail)).hasSize(1);

        // a tampered link changes nothing (400); the signed one ends the follow without a sign-in
        // (sessions end with a restart: the residents sign in again to look at their follows)
        signIn(anna, annaEmail);
        signIn(ken, kenEmail);
        String link = unsubscribeLink(answered);
        String tampered = link.replace("&s=proposal", "&s=ward");
        assertThat(oneClick(tampered)).isEqualTo(400);
        assertThat(oneClick(withLastSignatureDigitChanged(link))).isEqualTo(400);
        // opening the link (as a mail scanner would) only shows the button
        assertThat(app.app().anonymousHttp().get().uri(here(link)).exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody()).contains("id=\"form-unsubscribe\"");
        assertThat(anna.get("/resident/follows").status(200).html()).contains("駅前の駐輪場を増やしてほしい");
        assertThat(oneClick(link)).isEqualTo(200);
        assertThat(anna.get("/resident/follows").status(200).html()).contains("id=\"no-follows\"");
        // the digest's link ends every follow of ken
        assertThat(oneClick(unsubscribeLink(digest))).isEqualTo(200);
        assertThat(ken.get("/resident/follows").status(200).html()).contains("id=\"no-follows\"");
        // and a later event tells nobody
        saiwaiStaff.post("/api/proposals/{id}/progress-updates", id).ifMatch(2)
                .body(Map.of("text", "来年度にもう一度検討します")).answersVersion(id, 3);
        app.awaitReadModels();
        assertThat(digests(nextMorning.plus(Duration.ofDays(2)))).isZero();
        assertThat(notifications(annaEmail)).hasSize(2);

        // the ADMIN sees the mail, addresses masked; staff do not reach the page
        ConsoleSession admin = new ConsoleSession(() -> app.app().anonymousHttp(), null);
        admin.signIn(KyodoTestApp.username("ADMIN", null), KyodoTestApp.PASSWORD).redirectsTo("/console");
        String list = admin.get("/console/admin/outbox").status(200).html();
        assertThat(list).contains("data-state=\"SENT\"", "不採用になりました").doesNotContain(annaEmail, kenEmail);
        ConsoleSession staff = new ConsoleSession(() -> app.app().anonymousHttp(), null);
        staff.signIn(KyodoTestApp.username("STAFF", "saiwai"), KyodoTestApp.PASSWORD).redirectsTo("/console");
        staff.get("/console/admin/outbox").status(403);

        // nobody's name or address in public or analyst answers, or in the log
        for (String path : List.of("/proposals/" + id, "/public/proposals/" + id, "/public/decisions", "/proposals")) {
            assertThat(app.anonymous().get(path).ok().text()).as(path).doesNotContain(annaName, annaEmail, kenName, kenEmail);
        }
        assertThat(app.as("ANALYST", null).get("/analytics/proposals/summary").ok().text())
                .doesNotContain(annaName, annaEmail, kenName, kenEmail);
        assertThat(output.getAll()).doesNotContain(annaName, annaEmail, kenName, kenEmail);
    }

    private static int digests(Instant at) {
        return app.context().getBean(Digests.class).sendDue(at);
    }

    /** The notifier reads every event again from the start, as after a lost position. */
    private static void resetNotifier() {
        var processing = app.context().getBean(org.axonframework.config.EventProcessingConfiguration.class);
        var notifier = processing.eventProcessor("resident-notifier",
                org.axonframework.eventhandling.StreamingEventProcessor.class).orElseThrow();
        notifier.shutDown();
        notifier.resetTokens();
        notifier.start();
    }

    /** {@code projections replay all} on the stopped app's directory, then the app again. */
    private static void replayReadModels() {
        app.app().close();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = KyodoCli.run(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), "projections", "replay", "all",
                "--kyodo.data-dir=" + app.dataDir(), "--logging.level.root=ERROR");
        assertThat(status).as(err.toString(StandardCharsets.UTF_8)).isZero();
        app.restart();
    }
}
