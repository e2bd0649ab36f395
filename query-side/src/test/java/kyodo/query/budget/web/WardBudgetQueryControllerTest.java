package kyodo.query.budget.web;

import com.fasterxml.jackson.databind.JsonNode;
import kyodo.kernel.Ward;
import kyodo.kernel.project.ProjectProgramme;
import kyodo.query.budget.BudgetStory;
import kyodo.query.project.ProjectStory;
import kyodo.query.proposal.TestStores;
import kyodo.query.web.QueryWebTest;
import kyodo.query.web.QuerySettings;
import kyodo.query.web.ReadAfterWrite;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import static kyodo.query.web.QueryWebTest.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The ward-budget read endpoints over HTTP, in a bare WebFlux context (no Spring Boot, no Axon):
 * path validation, problem+json for unknown wards, bad years and budgets without an envelope,
 * JSON shapes, no staff ids.
 */
class WardBudgetQueryControllerTest {

    @RegisterExtension
    static final TestStores stores = new TestStores();

    private AnnotationConfigApplicationContext context;
    private WebTestClient client;

    @BeforeEach
    void twoBudgetsAndAProject() throws Exception {
        context = QueryWebTest.start(Web.class, stores.freshDatabase(), beans -> { });
        client = WebTestClient.bindToApplicationContext(context).build();
        BudgetStory saiwai = BudgetStory.of(Ward.SAIWAI, 2025)
                .envelope(10_000_000L, "令和7年度当初予算", Instant.parse("2025-04-01T00:00:00Z"))
                .reserved("al-1", "proj-1", 3_000_000L, Instant.parse("2025-05-15T01:00:00Z"));
        BudgetStory tama = BudgetStory.of(Ward.TAMA, 2025)
                .envelope(8_000_000L, "令和7年度当初予算", Instant.parse("2025-04-01T00:00:00Z"));
        ProjectStory project = ProjectStory.launched("proj-1", Ward.SAIWAI, 2025, "御幸公園の花壇づくり", "緑化",
                        ProjectProgramme.COLLABORATIVE, "2025-05-01T01:00:00Z")
                .allocated("al-1", "saiwai-2025", 3_000_000L, "苗と資材", Instant.parse("2025-05-15T01:00:01Z"))
                .spent("ex-1", 1_000_000L, "苗", LocalDate.parse("2025-06-01"), Instant.parse("2025-06-02T01:00:00Z"));
        // An allocation from a budget whose envelope the read model has not seen.
        ProjectStory early = ProjectStory.launched("proj-2", Ward.ASAO, 2025, "麻生の里山", "環境",
                        ProjectProgramme.COLLABORATIVE, "2025-05-01T01:00:00Z")
                .allocated("al-2", "asao-2025", 500_000L, "道具", Instant.parse("2025-05-15T01:00:01Z"));
        QueryWebTest.project(context, "wardBudgetProjection", saiwai.messages(), tama.messages(), project.messages(),
                early.messages());
    }

    @AfterEach
    void closeContext() {
        context.close();
    }

    @Test
    void publicBudgetAnswersTheWholeBudgetWithItsVersionAsETag() {
        String body = client.get().uri("/public/ward-budgets/saiwai/2025").exchange()
                .expectStatus().isOk()
                .expectHeader().contentType(MediaType.APPLICATION_JSON)
                .expectHeader().valueEquals("ETag", "\"1\"")
                .expectBody(String.class).returnResult().getResponseBody();

        assertThat(json(body)).isEqualTo(json("""
                {"budgetId":"saiwai-2025","version":1,"ward":"saiwai","wardNameJa":"幸区","wardNameEn":"Saiwai Ward",
                 "fiscalYear":2025,"fiscalYearLabel":"令和7年度","envelopeYen":10000000,"reservedYen":3000000,
                 "allocatedYen":3000000,"returnedYen":0,"spentYen":1000000,"availableYen":7000000,
                 "utilisation":0.1000,
                 "envelopeHistory":[{"envelopeYen":10000000,"reason":"令和7年度当初予算","role":"ADMIN",
                   "decisionId":"saiwai-2025-decision-0","at":"2025-04-01T00:00:00Z"}],
                 "reservations":[{"allocationId":"al-1","projectId":"proj-1","amountYen":3000000,
                   "at":"2025-05-15T01:00:00Z"}],
                 "releases":[],
                 "projects":[{"projectId":"proj-1","allocatedYen":3000000,"spentYen":1000000}]}"""));
        assertThat(body).contains("\"utilisation\":0.1000").doesNotContain(BudgetStory.ADMIN.staffId())
                .doesNotContain(ProjectStory.HEAD.staffId()).doesNotContain("applied");
    }

    @Test
    void staffBudgetWaitsForMinVersionAndOtherwiseAnswersLikeThePublicOne() {
        String staff = client.get().uri("/api/ward-budgets/saiwai/2025?minVersion=1").exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals("ETag", "\"1\"")
                .expectBody(String.class).returnResult().getResponseBody();
        String open = client.get().uri("/public/ward-budgets/saiwai/2025").exchange()
                .expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();

        assertThat(json(staff)).isEqualTo(json(open));
        client.get().uri("/api/ward-budgets/saiwai/2025?minVersion=2").exchange()
                .expectStatus().isEqualTo(503)
                .expectHeader().valueEquals("Retry-After", "1");
    }

    @Test
    void aBudgetWithoutEnvelopeIsNotFound() {
        for (String path : List.of("/public/ward-budgets/asao/2025", "/public/ward-budgets/saiwai/2026",
                "/api/ward-budgets/asao/2025")) {
            JsonNode problem = json(client.get().uri(path).header("Accept-Language", "en").exchange()
                    .expectStatus().isNotFound()
                    .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody(String.class).returnResult().getResponseBody());

            assertThat(problem.get("type").asText()).as(path).isEqualTo("/problems/not-found");
            assertThat(problem.get("detail").asText()).as(path)
                    .isEqualTo("No budget envelope was set for that ward and fiscal year.");
        }
    }

    @Test
    void anUnknownWardOrABadYearIsInvalidInputNamingEach() {
        JsonNode problem = json(client.get().uri("/public/ward-budgets/shibuya/R7").header("Accept-Language", "en")
                .exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody(String.class).returnResult().getResponseBody());

        assertThat(problem.get("type").asText()).isEqualTo("/problems/invalid-input");
        assertThat(problem.get("status").asInt()).isEqualTo(400);
        assertThat(problem.get("detail").asText()).isEqualTo("The ward or the fiscal year is invalid.");
        assertThat(problem.get("instance").asText()).isEqualTo("/public/ward-budgets/shibuya/R7");
        assertThat(problem.get("errors")).isEqualTo(json("""
                [{"field":"ward","message":"must be one of kawasaki, saiwai, nakahara, takatsu, miyamae, tama, asao"},
                 {"field":"fiscalYear","message":"must be a year from 1989 to 2200"}]"""));
        client.get().uri("/api/ward-budgets/saiwai/1988").exchange().expectStatus().isBadRequest();
    }

    @Test
    void aYearListsTheWardsWithAnEnvelopeInTheCitysOrder() {
        String body = client.get().uri("/public/ward-budgets?fiscalYear=2025").exchange()
                .expectStatus().isOk()
                .expectHeader().contentType(MediaType.APPLICATION_JSON)
                .expectBody(String.class).returnResult().getResponseBody();

        assertThat(json(body)).isEqualTo(json("""
                {"fiscalYear":2025,"fiscalYearLabel":"令和7年度","items":[
                 {"budgetId":"saiwai-2025","ward":"saiwai","wardNameJa":"幸区","wardNameEn":"Saiwai Ward",
                  "fiscalYear":2025,"fiscalYearLabel":"令和7年度","envelopeYen":10000000,"reservedYen":3000000,
                  "allocatedYen":3000000,"returnedYen":0,"spentYen":1000000,"availableYen":7000000,
                  "utilisation":0.1000,"projectCount":1},
                 {"budgetId":"tama-2025","ward":"tama","wardNameJa":"多摩区","wardNameEn":"Tama Ward",
                  "fiscalYear":2025,"fiscalYearLabel":"令和7年度","envelopeYen":8000000,"reservedYen":0,
                  "allocatedYen":0,"returnedYen":0,"spentYen":0,"availableYen":8000000,
                  "utilisation":0.0000,"projectCount":0}]}"""));
        assertThat(json(client.get().uri("/public/ward-budgets?fiscalYear=2030").exchange()
                .expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody()).get("items"))
                .isEmpty();
    }

    @Test
    void aYearListWithoutAGoodFiscalYearIsInvalidInput() {
        for (String query : List.of("", "?fiscalYear=", "?fiscalYear=next", "?fiscalYear=2025&fiscalYear=2026")) {
            JsonNode problem = json(client.get().uri("/public/ward-budgets" + query).exchange()
                    .expectStatus().isBadRequest()
                    .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody(String.class).returnResult().getResponseBody());

            assertThat(problem.get("errors").findValuesAsText("field")).as(query).containsExactly("fiscalYear");
        }
    }

    /** The query side's budget beans on the shared HTTP edge. */
    @Configuration
    @ComponentScan("kyodo.query.budget")
    @Import(QueryWebTest.Edge.class)
    static class Web {

        @Bean
        ReadAfterWrite readAfterWrite() {
            return new ReadAfterWrite(new QuerySettings(Duration.ofMillis(200), Duration.ofMillis(200)));
        }
    }
}
