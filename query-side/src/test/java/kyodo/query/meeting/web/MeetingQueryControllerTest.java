package kyodo.query.meeting.web;

import com.fasterxml.jackson.databind.JsonNode;
import kyodo.kernel.Ward;
import kyodo.kernel.meeting.MeetingKind;
import kyodo.query.meeting.MeetingStory;
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
import java.util.List;

import static kyodo.query.web.QueryWebTest.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The meeting read endpoints over HTTP, in a bare WebFlux context (no Spring Boot, no Axon):
 * parameter binding, problem+json for bad parameters and unknown ids, JSON shapes, no personal
 * data in public answers.
 */
class MeetingQueryControllerTest {

    private static final String NAME = "幸田 花子";
    private static final String AFFILIATION = "南河原町内会";

    @RegisterExtension
    static final TestStores stores = new TestStores();

    private AnnotationConfigApplicationContext context;
    private WebTestClient client;
    private MeetingStory assembly;

    @BeforeEach
    void twoMeetings() throws Exception {
        context = QueryWebTest.start(Web.class, stores.freshDatabase(),
                QueryWebTest.signedInStaff(stores.protector));
        client = WebTestClient.bindToApplicationContext(context).build();
        assembly = MeetingStory.scheduled("m1", MeetingKind.WARD_ASSEMBLY, Ward.SAIWAI, null, "幸区区民会議 第1回",
                        List.of("防災"), "2025-05-20T05:00:00Z")
                .registered(stores.protector, "p-1", NAME, AFFILIATION, "幸区町内会連合会",
                        Instant.parse("2025-05-01T00:00:00Z"))
                .opened(20, Instant.parse("2025-05-20T05:00:00Z"));
        MeetingStory workshop = MeetingStory.southernDistrictWorkshop("ws-2015-south");
        QueryWebTest.project(context, "meetingProjection", assembly.messages(), workshop.messages());
    }

    @AfterEach
    void closeContext() {
        context.close();
    }

    @Test
    void publicListAnswersAPageOfMatchingMeetings() {
        JsonNode page = getJson("/public/meetings?ward={ward}&from={from}&to={to}", "saiwai", "2025-05-20",
                "2025-05-20");

        assertThat(page).isEqualTo(json("""
                {"items":[{"id":"m1","version":2,"kind":"WARD_ASSEMBLY","ward":"saiwai","wardNameJa":"幸区",
                  "wardNameEn":"Saiwai Ward","district":null,"districtNameJa":null,"districtNameEn":null,
                  "title":"幸区区民会議 第1回","startsAt":"2025-05-20T05:00:00Z","endsAt":"2025-05-20T07:00:00Z",
                  "venue":"会場 m1","capacity":null,"publicObservation":true,"themes":["防災"],"term":null,
                  "session":null,"fiscalYear":2025,"fiscalYearLabel":"令和7年度","status":"OPEN",
                  "registrations":1}],
                 "page":0,"size":20,"total":1}"""));
    }

    @Test
    void staffListFiltersPagesAndSortsLikeThePublicOne() {
        JsonNode page = getJson("/api/meetings?sort=startsAt&size=1&page=1");

        assertThat(page.get("items").findValuesAsText("id")).containsExactly("m1");
        assertThat(page.get("total").asLong()).isEqualTo(2L);
        assertThat(getJson("/api/meetings?kind=WORKSHOP&district=south&fiscalYear=2015&status=CLOSED&q={q}",
                "ひらがな").get("items").findValuesAsText("id")).containsExactly("ws-2015-south");
    }

    @Test
    void neitherListShowsAnyonesPersonalData() {
        for (String path : List.of("/api/meetings", "/public/meetings")) {
            String body = client.get().uri(path).exchange().expectStatus().isOk()
                    .expectBody(String.class).returnResult().getResponseBody();

            assertThat(body).as(path).contains("\"m1\"", "\"ws-2015-south\"").doesNotContain(NAME)
                    .doesNotContain(AFFILIATION).doesNotContain("subj-").doesNotContain("participant")
                    .doesNotContain(MeetingStory.CLERK.staffId());
        }
    }

    @Test
    void badListParametersAnswerInvalidInputNamingEachOne() {
        String body = client.get().uri("/public/meetings?ward=shibuya&district=east&kind=PARTY&fiscalYear=1900"
                                + "&from=2025-02-30&to=someday&status=DONE&size=101&sort=title&page=x&q={q}",
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
        assertThat(problem.get("instance").asText()).isEqualTo("/public/meetings");
        assertThat(problem.get("errors").findValuesAsText("field")).containsExactly("ward", "district", "kind",
                "fiscalYear", "from", "to", "status", "q", "page", "size", "sort");
    }

    @Test
    void aRangeGivenBackwardsIsInvalidInputOnTo() {
        JsonNode problem = json(client.get().uri("/api/meetings?from=2025-06-01&to=2025-05-31").exchange()
                .expectStatus().isBadRequest()
                .expectBody(String.class).returnResult().getResponseBody());

        assertThat(problem.get("errors")).isEqualTo(json("""
                [{"field":"to","message":"must not be before from"}]"""));
    }

    @Test
    void publicDetailShowsCountsNeverParticipantsAndTheVersionAsETag() {
        String body = client.get().uri("/public/meetings/m1").exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals("ETag", "\"2\"")
                .expectBody(String.class).returnResult().getResponseBody();

        JsonNode view = json(body);
        assertThat(view.get("registrations").asInt()).isEqualTo(1);
        assertThat(view.get("attendanceAtOpening").asInt()).isEqualTo(20);
        assertThat(view.has("participants")).isFalse();
        assertThat(view.get("timeline").findValuesAsText("kind")).containsExactly("SCHEDULED", "OPENED");
        assertThat(body).doesNotContain(NAME).doesNotContain(AFFILIATION).doesNotContain("幸区町内会連合会")
                .doesNotContain(assembly.participants.get(0).subjectId())
                .doesNotContain(MeetingStory.CLERK.staffId());
    }

    @Test
    void publicWorkshopPageShowsSixGroupsWithTheirOpinions() {
        JsonNode view = getJson("/public/meetings/ws-2015-south");

        JsonNode groups = view.get("groups");
        assertThat(groups.findValuesAsText("number")).containsExactly("1", "2", "3", "4", "5", "6");
        assertThat(groups).allSatisfy(group -> assertThat(group.get("opinions")).hasSize(2));
        assertThat(groups.get(0).get("opinions").get(1)).isEqualTo(json("""
                {"opinionId":"op-1-2","theme":"協働のまちづくりを進めるにあたって行政が担う役割とは？",
                 "text":"情報共有推進のための仕組みづくりが必要である。",
                 "related":["過去に発生した問題点を公開する","Webサイトは他市事例を参考にする"],
                 "proposalId":null,"recordedAt":"2015-09-19T06:00:00Z"}"""));
        assertThat(view.get("districtNameJa").asText()).isEqualTo("南部地区");
        assertThat(view.get("attendanceAtClosing").asInt()).isEqualTo(44);
    }

    @Test
    void staffDetailWaitsForMinVersionAndOpensTheParticipants() {
        JsonNode view = getJson("/api/meetings/m1?minVersion=2");

        assertThat(view.get("version").asLong()).isEqualTo(2L);
        assertThat(view.get("participants")).isEqualTo(json("""
                [{"participantId":"p-1","subjectId":"%s","name":"幸田 花子","affiliation":"南河原町内会",
                  "nominatedBy":"幸区町内会連合会","registeredAt":"2025-05-01T00:00:00Z","attendance":null,"erased":false}]"""
                .formatted(assembly.participants.get(0).subjectId())));
    }

    @Test
    void staffDetailAnswers503WhenTheReadModelDoesNotReachMinVersion() {
        client.get().uri("/api/meetings/m1?minVersion=3").exchange()
                .expectStatus().isEqualTo(503)
                .expectHeader().valueEquals("Retry-After", "1")
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void anUnknownOrMalformedIdIsNotFound() {
        for (String id : List.of("m404", "会議", "m1.json", "a".repeat(65))) {
            for (String path : List.of("/api/meetings/{id}", "/public/meetings/{id}")) {
                assertNotFound(path, id);
            }
        }
    }

    @Test
    void oneListOnBothPathsDocumentsEveryParameterInOpenApi() throws Exception {
        List<String> documented = QueryWebTest.documentedListParameters(MeetingQueryController.class,
                "/api/meetings", "/public/meetings");

        assertThat(documented).containsExactly("ward", "district", "kind", "fiscalYear", "from", "to", "status", "q",
                "sort", "page", "size");
    }

    private void assertNotFound(String path, String id) {
        String body = client.get().uri(path, id).exchange()
                .expectStatus().isNotFound()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody(String.class).returnResult().getResponseBody();

        assertThat(json(body).get("type").asText()).as(path + " " + id).isEqualTo("/problems/not-found");
    }

    private JsonNode getJson(String uri, Object... variables) {
        return QueryWebTest.getJson(client, uri, variables);
    }

    /** The query side's meeting beans on the shared HTTP edge. */
    @Configuration
    @ComponentScan("kyodo.query.meeting")
    @Import(QueryWebTest.Edge.class)
    static class Web {

        @Bean
        ReadAfterWrite readAfterWrite() {
            return new ReadAfterWrite(new QuerySettings(Duration.ofMillis(300), Duration.ofMillis(300)));
        }
    }
}
