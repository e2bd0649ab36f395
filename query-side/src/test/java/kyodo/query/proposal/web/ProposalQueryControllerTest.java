package kyodo.query.proposal.web;

import com.fasterxml.jackson.databind.JsonNode;
import kyodo.kernel.Ward;
import kyodo.kernel.project.ProjectOrigin;
import kyodo.kernel.project.ProjectProgramme;
import kyodo.kernel.proposal.ProposalProgramme;
import kyodo.query.project.ProjectStory;
import kyodo.query.proposal.ProposalStory;
import kyodo.query.proposal.TestStores;
import kyodo.query.web.QueryWebTest;
import kyodo.query.web.QuerySettings;
import kyodo.query.web.ReadAfterWrite;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.EventMessage;
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
 * The proposal read endpoints over HTTP, in a bare WebFlux context (no Spring Boot, no Axon):
 * parameter binding, problem+json for bad parameters, JSON shapes.
 */
class ProposalQueryControllerTest {

    @RegisterExtension
    static final TestStores stores = new TestStores();

    private AnnotationConfigApplicationContext context;
    private WebTestClient client;

    @BeforeEach
    void twoProposals() throws Exception {
        context = QueryWebTest.start(Web.class, stores.freshDatabase(),
                QueryWebTest.signedInStaff(stores.protector));
        client = WebTestClient.bindToApplicationContext(context).build();
        ProposalStory parking = ProposalStory.submitted(stores.protector, "p1", Ward.SAIWAI,
                        "駅前の駐輪場を増やしてほしい", "朝は満車です。", List.of("交通"),
                        ProposalProgramme.CITIZEN_PROPOSAL, Instant.parse("2025-05-10T01:00:00Z"))
                .acknowledged("交通政策課", LocalDate.parse("2025-06-10"), Instant.parse("2025-05-11T01:00:00Z"))
                .overdue(LocalDate.parse("2025-06-10"), Instant.parse("2025-06-10T15:00:00Z"));
        ProposalStory bench = ProposalStory.submitted(stores.protector, "p2", Ward.TAMA, "公園のベンチを直してほしい",
                "座面が割れています。", List.of("公園"), ProposalProgramme.SUGGESTION_BOX,
                Instant.parse("2025-06-15T01:30:00Z"));
        QueryWebTest.project(context, "proposalProjection", parking.messages(), bench.messages());
    }

    @AfterEach
    void closeContext() {
        context.close();
    }

    @Test
    void publicListAnswersAPageOfMatchingProposals() {
        JsonNode page = getJson("/public/proposals?ward={ward}&q={q}", "saiwai", "駐輪");

        assertThat(page).isEqualTo(json("""
                {"items":[{"id":"p1","version":2,"ward":"saiwai","wardNameJa":"幸区","wardNameEn":"Saiwai Ward",
                  "title":"駅前の駐輪場を増やしてほしい","themes":["交通"],"programme":"CITIZEN_PROPOSAL",
                  "channel":"COUNTER","status":"ACKNOWLEDGED","submittedAt":"2025-05-10T01:00:00Z",
                  "fiscalYear":2025,"fiscalYearLabel":"令和7年度","department":"交通政策課","dueOn":"2025-06-10",
                  "overdue":true,"decidedAt":null,"outcome":null,"daysToAnswer":null,"supports":0}],
                 "page":0,"size":20,"total":1}"""));
    }

    @Test
    void staffListPagesAndSortsLikeThePublicOne() {
        JsonNode page = getJson("/api/proposals?sort=submittedAt&size=1&page=1");

        assertThat(page.get("items")).hasSize(1);
        assertThat(page.get("items").get(0).get("id").asText()).isEqualTo("p2");
        assertThat(page.get("total").asLong()).isEqualTo(2L);
        assertThat(page.get("page").asInt()).isEqualTo(1);
        assertThat(page.get("size").asInt()).isEqualTo(1);
    }

    @Test
    void neitherListShowsAnyonesPersonalData() {
        for (String path : List.of("/api/proposals", "/public/proposals")) {
            String body = client.get().uri(path).exchange().expectStatus().isOk()
                    .expectBody(String.class).returnResult().getResponseBody();

            assertThat(body).as(path).contains("\"p1\"", "\"p2\"").doesNotContain(ProposalStory.NAME)
                    .doesNotContain(ProposalStory.CONTACT).doesNotContain("subj-").doesNotContain("proposer")
                    .doesNotContain(ProposalStory.CLERK.staffId());
        }
    }

    @Test
    void badListParametersAnswerInvalidInputNamingEachOne() {
        String body = client.get().uri("/public/proposals?ward=shibuya&size=101&sort=title&page=x&q={q}",
                        "駐".repeat(201))
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
        assertThat(problem.get("instance").asText()).isEqualTo("/public/proposals");
        assertThat(problem.get("errors").findValuesAsText("field")).containsExactly("ward", "q", "page", "size",
                "sort");
    }

    @Test
    void aRepeatedParameterIsInvalidInputToo() {
        JsonNode problem = json(client.get().uri("/api/proposals?status=ACCEPTED&status=REJECTED").exchange()
                .expectStatus().isBadRequest()
                .expectBody(String.class).returnResult().getResponseBody());

        assertThat(problem.get("errors")).isEqualTo(json("""
                [{"field":"status","message":"give it once"}]"""));
    }

    @Test
    void publicDetailCarriesTheTimelineAndTheVersionAsETag() {
        String body = client.get().uri("/public/proposals/p1").exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals("ETag", "\"2\"")
                .expectBody(String.class).returnResult().getResponseBody();

        JsonNode view = json(body);
        assertThat(view.get("overdue").asBoolean()).isTrue();
        assertThat(view.get("dueOn").asText()).isEqualTo("2025-06-10");
        assertThat(view.get("timeline").findValuesAsText("kind"))
                .containsExactly("SUBMITTED", "ACKNOWLEDGED", "RESPONSE_OVERDUE");
        assertThat(body).doesNotContain("proposer").doesNotContain(ProposalStory.NAME)
                .doesNotContain(ProposalStory.CLERK.staffId());
    }

    @Test
    void publicDetailListsTheProjectsLaunchedFromTheProposal() throws Exception {
        AnnotationEventHandlerAdapter projection = new AnnotationEventHandlerAdapter(
                context.getBean("proposalProjection"));
        for (EventMessage<?> event : ProjectStory.launched("proj-1", Ward.SAIWAI, 2025, "駅前駐輪場の拡充", "交通",
                ProjectProgramme.WARD_LOCAL_ISSUE, new ProjectOrigin("p1", null, null), "交通政策課",
                Instant.parse("2025-09-01T00:00:00Z")).messages()) {
            projection.handle(event);
        }

        JsonNode view = getJson("/public/proposals/p1");

        assertThat(view.get("projects")).isEqualTo(json("""
                [{"projectId":"proj-1","title":"駅前駐輪場の拡充"}]"""));
        assertThat(view.get("version").asLong()).isEqualTo(2L);
        assertThat(getJson("/public/proposals/p2").has("projects")).isFalse();
    }

    @Test
    void staffDetailStillWaitsForMinVersionAndShowsTheProposer() {
        JsonNode view = getJson("/api/proposals/p1?minVersion=2");

        assertThat(view.get("version").asLong()).isEqualTo(2L);
        assertThat(view.get("proposer").get("name").asText()).isEqualTo(ProposalStory.NAME);
        assertThat(view.get("timeline")).hasSize(3);
    }

    @Test
    void oneListOnBothPathsDocumentsEveryParameterInOpenApi() throws Exception {
        List<String> documented = QueryWebTest.documentedListParameters(ProposalQueryController.class,
                "/api/proposals", "/public/proposals");

        assertThat(documented).containsExactly("ward", "status", "theme", "programme", "fiscalYear", "overdue", "q",
                "sort", "page", "size");
    }

    private JsonNode getJson(String uri, Object... variables) {
        return QueryWebTest.getJson(client, uri, variables);
    }

    /** The query side's proposal beans on the shared HTTP edge. */
    @Configuration
    @ComponentScan("kyodo.query.proposal")
    @Import(QueryWebTest.Edge.class)
    static class Web {

        @Bean
        ReadAfterWrite readAfterWrite() {
            return new ReadAfterWrite(new QuerySettings(Duration.ofSeconds(1), Duration.ofSeconds(1)));
        }
    }
}
