package kyodo.ops.portal;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The home page keeps its content while the read store is not written (ADR 21, "The home page kept
 * while nothing is written"): a decision shows on the very next home page once the public log has it,
 * in each language and for its ward, and an answered proposal leaves "due soon" as soon as its read
 * model says so. No home page is polled: one request after the API shows the change must show it.
 */
class HomeFreshnessIT {

    private static final String TITLE = "公園のベンチを直してほしい";
    private static final String REASON = "ベンチを来月までに取り替えます。";

    @RegisterExtension
    static final BrowserSession session = BrowserSession.withoutBrowser();
    private static PortalApp app;

    /**
     * One home page. A 503 (its reads took longer than its bound: a cold app on a loaded machine) says
     * "try again" and is tried again, up to 60 s; any other answer is final.
     */
    private static String home(String uri, String language) {
        Instant bound = Instant.now().plus(Duration.ofSeconds(60));
        while (true) {
            EntityExchangeResult<String> page = app.visitor().get().uri(uri)
                    .header(HttpHeaders.ACCEPT_LANGUAGE, language).exchange()
                    .expectBody(String.class).returnResult();
            if (page.getStatus().value() != HttpStatus.SERVICE_UNAVAILABLE.value() || Instant.now().isAfter(bound)) {
                assertThat(page.getStatus().value()).as(uri).isEqualTo(HttpStatus.OK.value());
                assertThat(page.getResponseHeaders().getContentType()).isNotNull()
                        .matches(type -> type.isCompatibleWith(MediaType.TEXT_HTML));
                return page.getResponseBody();
            }
        }
    }

    /** The home's "latest decisions" section. */
    private static String latest(String html) {
        return html.substring(html.indexOf("id=\"latest-heading\""), html.indexOf("id=\"due-heading\""));
    }

    /** The home's "due soon" section. */
    private static String dueSoon(String html) {
        return html.substring(html.indexOf("id=\"due-heading\""));
    }

    /** Polls the public log (not the home) until it has a decision of the proposal with that reason. */
    private static void awaitLogged(String proposal) throws InterruptedException {
        Instant bound = Instant.now().plus(Duration.ofSeconds(60));
        while (true) {
            String log = app.visitor().get().uri("/public/decisions?subjectType=proposal&subjectId={id}", proposal)
                    .exchange().expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
            if (log.contains(REASON)) {
                return;
            }
            assertThat(Instant.now()).as("the public log shows the answer within 60 s").isBefore(bound);
            Thread.sleep(100);
        }
    }

    @Test
    void aNewDecisionAndAnAnsweredProposalShowOnTheNextHomePage() throws Exception {
        String proposal = app.submit(TITLE, "ベンチの板が割れていて座れません。");
        app.step(proposal, 0, "acknowledgement", Map.of("department", "幸区役所 道路公園センター"));
        app.awaitPublic(proposal, 1);
        String link = "href=\"/proposals/" + proposal + "\"";

        // read twice in each form, so that the second is answered from what was kept
        for (String uri : new String[] {"/", "/?ward=saiwai"}) {
            for (String language : new String[] {"ja", "en"}) {
                home(uri, language);
                String before = home(uri, language);
                assertThat(dueSoon(before)).as(uri + " " + language).contains(link);
                assertThat(latest(before)).as(uri + " " + language).doesNotContain(REASON);
            }
        }

        app.step(proposal, 1, "decision", Map.of("outcome", "ACCEPTED", "reason", REASON));
        app.awaitPublic(proposal, 2);
        awaitLogged(proposal);

        for (String uri : new String[] {"/", "/?ward=saiwai"}) {
            for (String language : new String[] {"ja", "en"}) {
                String after = home(uri, language);
                assertThat(latest(after)).as(uri + " " + language).contains(REASON, link);
                assertThat(dueSoon(after)).as(uri + " " + language).doesNotContain(link);
            }
        }
    }
}
