package kyodo.query.history.web;

import kyodo.kernel.Ward;
import kyodo.kernel.proposal.ProposalProgramme;
import kyodo.query.budget.WardBudgetHistory;
import kyodo.query.meeting.MeetingHistory;
import kyodo.query.project.ProjectHistory;
import kyodo.query.proposal.ProposalHistory;
import kyodo.query.proposal.ProposalStory;
import kyodo.query.proposal.TestStores;
import kyodo.query.web.QueryWebTest;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The history endpoints over HTTP in a bare WebFlux context, over an in-memory Axon event store. */
class HistoryControllerTest {

    @RegisterExtension
    static final TestStores stores = new TestStores();

    private AnnotationConfigApplicationContext context;
    private WebTestClient client;
    private EventStore eventStore;

    @BeforeEach
    void aProposalAndAMeetingId() {
        eventStore = EmbeddedEventStore.builder().storageEngine(new InMemoryEventStorageEngine()).build();
        context = new AnnotationConfigApplicationContext();
        context.registerBean(EventStore.class, () -> eventStore);
        context.register(Web.class);
        context.refresh();
        client = WebTestClient.bindToApplicationContext(context).build();
        ProposalStory story = ProposalStory.submitted(stores.protector, "p1", Ward.SAIWAI, "駅前の駐輪場を増やしてほしい",
                        "朝は満車です。", List.of("交通"), ProposalProgramme.CITIZEN_PROPOSAL,
                        Instant.parse("2025-05-10T01:00:00Z"))
                .acknowledged("交通政策課", LocalDate.parse("2025-06-10"), Instant.parse("2025-05-11T01:00:00Z"));
        story.messages().forEach(eventStore::publish);
        eventStore.publish(new GenericDomainEventMessage<>("Meeting", "m1", 0, "not a kernel event"));
    }

    @AfterEach
    void close() {
        context.close();
    }

    @Test
    void theHistoryListsTheEventsInOrder() {
        client.get().uri("/public/history/proposal/p1").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.subjectType").isEqualTo("proposal")
                .jsonPath("$.subjectId").isEqualTo("p1")
                .jsonPath("$.events.length()").isEqualTo(2)
                .jsonPath("$.events[0].seq").isEqualTo(0)
                .jsonPath("$.events[0].kind").isEqualTo("PROPOSAL_SUBMITTED")
                .jsonPath("$.events[1].kind").isEqualTo("PROPOSAL_ACKNOWLEDGED")
                .jsonPath("$.events[1].descriptionJa").isEqualTo("交通政策課が受理しました（回答期限 2025-06-10）")
                .jsonPath("$.events[1].descriptionEn").isEqualTo("Acknowledged by 交通政策課 (answer due 2025-06-10)")
                .jsonPath("$.events[1].data.role").isEqualTo("STAFF");
        String body = client.get().uri("/public/history/proposal/p1").exchange()
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(body).doesNotContain(ProposalStory.NAME).doesNotContain("staff-0042");
    }

    @Test
    void anUnknownEventIsDescribedGenerically() {
        client.get().uri("/public/history/meeting/m1").exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.events[0].kind").isEqualTo("STRING")
                .jsonPath("$.events[0].descriptionEn").isEqualTo("Recorded (String)");
    }

    @Test
    void asOfRebuildsTheStateAtThatMoment() {
        Instant now = Instant.now();
        client.get().uri(u -> u.path("/public/history/proposal/p1").queryParam("asOf", now.toString()).build())
                .exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.subjectType").isEqualTo("proposal")
                .jsonPath("$.version").isEqualTo(1)
                .jsonPath("$.asOf").isEqualTo(now.toString())
                .jsonPath("$.state.status").isEqualTo("ACKNOWLEDGED")
                .jsonPath("$.state.dueOn").isEqualTo("2025-06-10");
        client.get().uri("/public/history/proposal/p1?asOf={t}", "2001-01-01T09:00:00+09:00").exchange()
                .expectStatus().isNotFound()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.detail").value(d -> assertThat((String) d).contains("did not exist yet"));
    }

    @Test
    void badInputIsAProblem() {
        client.get().uri("/public/history/petition/p1").exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("subjectType");
        client.get().uri("/public/history/proposal/p1?asOf=yesterday").exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("asOf");
        client.get().uri("/public/history/proposal/nope").exchange().expectStatus().isNotFound();
        client.get().uri("/public/history/proposal/bad_id!").exchange().expectStatus().isNotFound();
        client.get().uri("/public/history/meeting/p1").exchange().expectStatus().isNotFound()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
    }

    /** The query side's history beans on the shared HTTP edge. */
    @Configuration
    @ComponentScan("kyodo.query.history")
    @Import({QueryWebTest.Edge.class, ProposalHistory.class, MeetingHistory.class, ProjectHistory.class, WardBudgetHistory.class})
    static class Web {
    }
}
