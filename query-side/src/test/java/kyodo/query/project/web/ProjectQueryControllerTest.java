package kyodo.query.project.web;

import com.fasterxml.jackson.databind.JsonNode;
import kyodo.kernel.Ward;
import kyodo.kernel.project.PartnerType;
import kyodo.kernel.project.ProjectOrigin;
import kyodo.kernel.project.ProjectProgramme;
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
 * The project read endpoints over HTTP, in a bare WebFlux context (no Spring Boot, no Axon):
 * parameter binding, problem+json for bad parameters and unknown ids, JSON shapes, no staff ids.
 */
class ProjectQueryControllerTest {

    @RegisterExtension
    static final TestStores stores = new TestStores();

    private AnnotationConfigApplicationContext context;
    private WebTestClient client;

    @BeforeEach
    void twoProjects() throws Exception {
        context = QueryWebTest.start(Web.class, stores.freshDatabase(), beans -> { });
        client = WebTestClient.bindToApplicationContext(context).build();
        ProjectStory parking = ProjectStory.launched("j1", Ward.SAIWAI, 2025, "駅前駐輪場の拡充", "交通",
                        ProjectProgramme.WARD_LOCAL_ISSUE, new ProjectOrigin("prop-1", null, null), "交通政策課",
                        Instant.parse("2025-05-01T01:00:00Z"))
                .partner("pt-1", "幸区商店街連合会", PartnerType.NEIGHBOURHOOD_ASSOCIATION, "利用者への周知",
                        Instant.parse("2025-05-02T01:00:00Z"))
                .approved("必要性が高いため。", Instant.parse("2025-05-10T01:00:00Z"))
                .allocated("al-j1", "saiwai-2025", 3_000_000L, "整備費", Instant.parse("2025-05-11T01:00:00Z"))
                .spent("ex-j1", 1_000_001L, "設計", LocalDate.parse("2025-06-01"), Instant.parse("2025-06-02T01:00:00Z"));
        ProjectStory river = ProjectStory.launched("j2", null, 2026, "多摩川の清掃活動", "環境",
                ProjectProgramme.COLLABORATIVE, "2026-04-10T01:00:00Z");
        QueryWebTest.project(context, "projectProjection", parking.messages(), river.messages());
    }

    @AfterEach
    void closeContext() {
        context.close();
    }

    @Test
    void publicListAnswersAPageOfMatchingProjects() {
        JsonNode page = getJson("/public/projects?ward={ward}&q={q}", "saiwai", "駐輪");

        assertThat(page).isEqualTo(json("""
                {"items":[{"id":"j1","version":4,"ward":"saiwai","wardNameJa":"幸区","wardNameEn":"Saiwai Ward",
                  "fiscalYear":2025,"fiscalYearLabel":"令和7年度","title":"駅前駐輪場の拡充","theme":"交通",
                  "programme":"WARD_LOCAL_ISSUE","leadDepartment":"交通政策課","status":"APPROVED",
                  "launchedAt":"2025-05-01T01:00:00Z","allocatedYen":3000000,"spentYen":1000001,
                  "remainingYen":1999999}],
                 "page":0,"size":20,"total":1}"""));
    }

    @Test
    void staffListFiltersPagesAndSortsLikeThePublicOne() {
        JsonNode page = getJson("/api/projects?sort=launchedAt&size=1&page=1");

        assertThat(page.get("items").findValuesAsText("id")).containsExactly("j2");
        assertThat(page.get("total").asLong()).isEqualTo(2L);
        assertThat(getJson("/api/projects?fiscalYear=2026&programme=COLLABORATIVE&status=LAUNCHED&theme={t}", "環境")
                .get("items").findValuesAsText("id")).containsExactly("j2");
    }

    @Test
    void badListParametersAnswerInvalidInputNamingEachOne() {
        String body = client.get().uri("/public/projects?ward=shibuya&fiscalYear=1900&programme=LOTTERY"
                                + "&status=DONE&size=101&sort=title&page=x&q={q}&theme={t}",
                        "駐".repeat(201), "あ".repeat(51))
                .header("Accept-Language", "en")
                .exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody(String.class).returnResult().getResponseBody();

        JsonNode problem = json(body);
        assertThat(problem.get("type").asText()).isEqualTo("/problems/invalid-input");
        assertThat(problem.get("title").asText()).isEqualTo("The input is invalid");
        assertThat(problem.get("status").asInt()).isEqualTo(400);
        assertThat(problem.get("detail").asText()).isEqualTo("Some list parameters are invalid.");
        assertThat(problem.get("instance").asText()).isEqualTo("/public/projects");
        assertThat(problem.get("errors").findValuesAsText("field")).containsExactly("ward", "fiscalYear",
                "programme", "status", "theme", "q", "page", "size", "sort");
    }

    @Test
    void publicDetailCarriesTheMoneyTheTimelineAndTheVersionAsETagButNoStaffId() {
        String body = client.get().uri("/public/projects/j1").exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals("ETag", "\"4\"")
                .expectBody(String.class).returnResult().getResponseBody();

        JsonNode view = json(body);
        assertThat(view.get("allocatedYen").asLong()).isEqualTo(3_000_000L);
        assertThat(view.get("spentYen").asLong()).isEqualTo(1_000_001L);
        assertThat(view.get("remainingYen").asLong()).isEqualTo(1_999_999L);
        assertThat(view.get("origin")).isEqualTo(json("""
                {"proposalId":"prop-1","meetingId":null,"resolutionId":null}"""));
        assertThat(view.get("partners")).isEqualTo(json("""
                [{"partnerId":"pt-1","name":"幸区商店街連合会","type":"NEIGHBOURHOOD_ASSOCIATION","role":"利用者への周知"}]"""));
        assertThat(view.get("timeline").findValuesAsText("kind")).containsExactly("LAUNCHED", "PARTNER_ADDED",
                "APPROVED", "BUDGET_ALLOCATED", "EXPENDITURE_RECORDED");
        assertThat(view.get("timeline").findValuesAsText("role")).containsExactly("STAFF", "STAFF", "WARD_HEAD",
                "WARD_HEAD", "STAFF");
        assertThat(body).doesNotContain(ProjectStory.CLERK.staffId()).doesNotContain(ProjectStory.HEAD.staffId())
                .doesNotContain("searchTokens");
    }

    @Test
    void staffDetailWaitsForMinVersion() {
        String body = client.get().uri("/api/projects/j1?minVersion=4").exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals("ETag", "\"4\"")
                .expectBody(String.class).returnResult().getResponseBody();

        assertThat(json(body).get("version").asLong()).isEqualTo(4L);
        assertThat(body).doesNotContain(ProjectStory.CLERK.staffId());
    }

    @Test
    void staffDetailAnswers503WhenTheReadModelDoesNotReachMinVersion() {
        JsonNode problem = json(client.get().uri("/api/projects/j1?minVersion=5").exchange()
                .expectStatus().isEqualTo(503)
                .expectHeader().valueEquals("Retry-After", "1")
                .expectBody(String.class).returnResult().getResponseBody());

        assertThat(problem.get("status").asInt()).isEqualTo(503);
    }

    @Test
    void anUnknownOrMalformedIdAnswersNotFound() {
        for (String path : List.of("/public/projects/j404", "/api/projects/j404", "/public/projects/not%20an%20id")) {
            JsonNode problem = json(client.get().uri(path).exchange()
                    .expectStatus().isNotFound()
                    .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody(String.class).returnResult().getResponseBody());

            assertThat(problem.get("type").asText()).as(path).isEqualTo("/problems/not-found");
            assertThat(problem.get("detail").asText()).as(path).isEqualTo("No project with that id.");
        }
    }

    @Test
    void oneListOnBothPathsDocumentsEveryParameterInOpenApi() throws Exception {
        List<String> documented = QueryWebTest.documentedListParameters(ProjectQueryController.class,
                "/api/projects", "/public/projects");

        assertThat(documented).containsExactly("ward", "fiscalYear", "programme", "status", "theme", "q", "sort",
                "page", "size");
    }

    private JsonNode getJson(String uri, Object... variables) {
        return QueryWebTest.getJson(client, uri, variables);
    }

    /** The query side's project beans on the shared HTTP edge. */
    @Configuration
    @ComponentScan("kyodo.query.project")
    @Import(QueryWebTest.Edge.class)
    static class Web {

        @Bean
        ReadAfterWrite readAfterWrite() {
            return new ReadAfterWrite(new QuerySettings(Duration.ofMillis(200), Duration.ofMillis(200)));
        }
    }
}
