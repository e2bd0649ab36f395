package kyodo.query.proposal;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import kyodo.kernel.Ward;
import kyodo.kernel.proposal.ProposalProgramme;
import kyodo.kernel.proposal.ProposalSupportThresholdReached;
import kyodo.kernel.proposal.ProposalSupportWithdrawn;
import kyodo.kernel.proposal.ProposalSupported;
import kyodo.query.platform.store.mongo.MongoReadStore;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Residents' supports in the proposal read model (issue 17): the count each event carries, the version
 * advancing with the proposal's (so a later If-Match of staff is not stale), the due date the threshold
 * set with its timeline entry; never who, and the same however often replayed.
 */
class ProposalSupportProjectionTest {

    private static final Instant AT = Instant.parse("2025-06-20T05:00:00Z");
    private static TestStores stores;

    private MongoCollection<Document> proposals;
    private ProposalProjection projection;
    private AnnotationEventHandlerAdapter handler;
    private ProposalViews views;

    @BeforeAll
    static void startStores() {
        stores = new TestStores();
    }

    @AfterAll
    static void stopStores() {
        stores.close();
    }

    @BeforeEach
    void freshDatabase() {
        MongoDatabase database = stores.freshDatabase();
        proposals = database.getCollection(ProposalProjection.COLLECTION);
        projection = new ProposalProjection(MongoReadStore.of(database));
        handler = new AnnotationEventHandlerAdapter(projection);
        views = new ProposalViews(MongoReadStore.of(database), stores.protector);
    }

    @Test
    void theCountTheDueDateAndTheVersionFollowTheSupportsAndNobodyIsNamed() {
        apply(events());

        Document doc = views.find("p-1").orElseThrow();
        assertThat(doc.getLong("version")).isEqualTo(4L);
        ProposalViews.ProposalPublicView view = views.publicView(doc);
        assertThat(view.supports()).isEqualTo(1);
        assertThat(view.dueOn()).isEqualTo(LocalDate.parse("2025-06-30"));
        assertThat(view.timeline()).extracting(ProposalViews.TimelineEntry::kind)
                .containsExactly("SUBMITTED", "SUPPORT_THRESHOLD");
        assertThat(doc.toJson()).doesNotContain("pseudonym");
        ProposalViews.ProposalListItem item = views.list(ProposalListQuery.parse(
                new org.springframework.util.LinkedMultiValueMap<>())).items().get(0);
        assertThat(item.supports()).isEqualTo(1);
    }

    @Test
    void replayingTwiceGivesTheSameDocument() {
        List<EventMessage<?>> events = events(); // sealed once: the proposer's ciphertext is the same each time
        apply(events);
        List<Document> once = proposals.find().into(new ArrayList<>());
        apply(events);
        projection.reset();
        apply(events);
        apply(events);

        assertThat(proposals.find().into(new ArrayList<>())).isEqualTo(once);
    }

    private List<EventMessage<?>> events() {
        List<EventMessage<?>> events = new ArrayList<>(ProposalStory.submitted(stores.protector, "p-1", Ward.SAIWAI,
                "公園にベンチを", "ベンチを三つ", List.of("公園"), ProposalProgramme.CITIZEN_PROPOSAL,
                Instant.parse("2025-06-15T01:30:00Z")).messages());
        events.add(message(1, new ProposalSupported("p-1", "pseudonym-a", 1, AT)));
        events.add(message(2, new ProposalSupported("p-1", "pseudonym-b", 2, AT)));
        events.add(message(3, new ProposalSupportThresholdReached("p-1", 2, 2, LocalDate.parse("2025-06-30"), AT)));
        events.add(message(4, new ProposalSupportWithdrawn("p-1", "pseudonym-a", 1, AT)));
        return events;
    }

    private static EventMessage<?> message(long sequence, Object event) {
        return new GenericDomainEventMessage<>("Proposal", "p-1", sequence, event);
    }

    private void apply(List<EventMessage<?>> events) {
        for (EventMessage<?> message : events) {
            try {
                handler.handle(message);
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }
    }
}
