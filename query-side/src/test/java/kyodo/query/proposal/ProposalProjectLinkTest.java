package kyodo.query.proposal;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import kyodo.kernel.Ward;
import kyodo.kernel.project.ProjectOrigin;
import kyodo.kernel.project.ProjectProgramme;
import kyodo.kernel.proposal.ProposalProgramme;
import kyodo.query.platform.ProjectionTestSupport;
import kyodo.query.platform.store.mongo.MongoReadStore;
import kyodo.query.project.ProjectStory;
import kyodo.query.proposal.ProposalViews.ProjectLink;
import org.axonframework.eventhandling.EventMessage;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** A project launched from a proposal shows on the proposal, so that its public page links to the project. */
class ProposalProjectLinkTest extends ProjectionTestSupport {

    private static final kyodo.query.listing.Viewer SAIWAI_STAFF = kyodo.query.listing.Viewer.of(
            new kyodo.kernel.access.Actor("s-1", kyodo.kernel.access.Role.STAFF, kyodo.kernel.Ward.SAIWAI));

    private static final Instant SUBMITTED_AT = Instant.parse("2025-06-15T01:30:00Z");
    private static final Instant LAUNCHED_AT = Instant.parse("2025-09-01T01:00:00Z");

    @RegisterExtension
    static final TestStores stores = new TestStores();

    private MongoCollection<Document> proposals;
    private ProposalProjection projection;
    private ProposalViews views;

    @BeforeEach
    void freshDatabase() {
        MongoDatabase database = stores.freshDatabase();
        proposals = database.getCollection(ProposalProjection.COLLECTION);
        projection = new ProposalProjection(MongoReadStore.of(database));
        views = new ProposalViews(MongoReadStore.of(database), stores.protector);
        drive(projection, proposals);
    }

    @Test
    void aProjectLaunchedFromAProposalIsListedOnTheProposalLeavingTheRestAsItWas() {
        apply(accepted("prop-1").messages());
        Document before = allDocuments().get(0);

        apply(fromProposal("proj-1", "prop-1", "御幸公園の花壇づくり").messages());

        Document after = allDocuments().get(0);
        assertThat(after.getList("projects", Document.class)).containsExactly(
                new Document("projectId", "proj-1").append("title", "御幸公園の花壇づくり"));
        after.remove("projects");
        assertThat(after).isEqualTo(before);
    }

    @Test
    void everyProjectFromTheProposalIsListedOnceHoweverOftenItsLaunchIsHandled() {
        apply(accepted("prop-1").messages());
        List<? extends EventMessage<?>> first = fromProposal("proj-1", "prop-1", "花壇づくり").messages();
        List<? extends EventMessage<?>> second = fromProposal("proj-2", "prop-1", "ベンチの設置").messages();

        apply(first);
        apply(second);
        List<String> once = allJson();
        apply(first);
        apply(second);

        assertThat(allJson()).isEqualTo(once);
        assertThat(allDocuments().get(0).getList("projects", Document.class)).containsExactly(
                new Document("projectId", "proj-1").append("title", "花壇づくり"),
                new Document("projectId", "proj-2").append("title", "ベンチの設置"));
    }

    @Test
    void aProjectNotFromAProposalTouchesNoProposal() {
        apply(accepted("prop-1").messages());
        List<String> before = allJson();

        apply(ProjectStory.launched("proj-1", Ward.SAIWAI, 2025, "題", "テーマ", ProjectProgramme.COLLABORATIVE,
                "2025-09-01T00:00:00Z").messages());
        apply(ProjectStory.launched("proj-2", Ward.SAIWAI, 2025, "題", "テーマ", ProjectProgramme.COLLABORATIVE,
                new ProjectOrigin(null, "meet-1", "res-1"), "区政推進課", LAUNCHED_AT).messages());
        apply(ProjectStory.launched("proj-3", null, 2025, "題", "テーマ", ProjectProgramme.COLLABORATIVE, null,
                "市民文化局", LAUNCHED_AT).messages());

        assertThat(allJson()).isEqualTo(before);
    }

    /**
     * The project's and the proposal's events are in different segments: in a replay the launch may be
     * handled before the proposal's submission. The link waits in a document of its own that no view
     * shows, and the submission fills it in.
     */
    @Test
    void aProjectHandledBeforeItsProposalIsLinkedOnceTheProposalArrives() {
        apply(fromProposal("proj-1", "prop-1", "花壇づくり").messages());

        assertThat(allDocuments()).containsExactly(new Document("_id", "prop-1").append("projects",
                List.of(new Document("projectId", "proj-1").append("title", "花壇づくり"))));
        assertThat(views.find("prop-1")).isEmpty();
        assertThat(views.list(ProposalListQuery.all()).total()).isZero();
        assertThat(views.list(ProposalListQuery.all()).items()).isEmpty();

        ProposalStory proposal = accepted("prop-1");
        apply(proposal.messages());

        Document linkedFirst = allDocuments().get(0);
        projection.reset();
        apply(proposal.messages());
        apply(fromProposal("proj-1", "prop-1", "花壇づくり").messages());
        assertThat(linkedFirst).isEqualTo(allDocuments().get(0));
        assertThat(views.find("prop-1")).isPresent();
        assertThat(views.list(ProposalListQuery.all()).total()).isEqualTo(1L);
    }

    @Test
    void theSubmissionReplayedAfterTheLinkChangesNothing() {
        ProposalStory proposal = accepted("prop-1");
        apply(proposal.messages());
        apply(fromProposal("proj-1", "prop-1", "花壇づくり").messages());
        List<String> done = allJson();

        apply(proposal.messages());

        assertThat(allJson()).isEqualTo(done);
    }

    @Test
    void thePublicAndTheStaffViewShowTheProjectsAfterTheTimeline() throws Exception {
        apply(accepted("prop-1").messages());
        apply(fromProposal("proj-1", "prop-1", "御幸公園の花壇づくり").messages());
        Document doc = views.find("prop-1").orElseThrow();

        assertThat(views.publicView(doc).projects()).containsExactly(new ProjectLink("proj-1", "御幸公園の花壇づくり"));
        JsonNode publicJson = TestStores.JSON.readTree(TestStores.JSON.writeValueAsString(views.publicView(doc)));
        JsonNode staffJson = TestStores.JSON.readTree(TestStores.JSON.writeValueAsString(views.staffView(doc, SAIWAI_STAFF)));
        assertThat(publicJson.get("projects")).isEqualTo(TestStores.JSON.readTree("""
                [{"projectId":"proj-1","title":"御幸公園の花壇づくり"}]"""));
        assertThat(staffJson.get("projects")).isEqualTo(publicJson.get("projects"));
        assertThat(fieldNames(publicJson).subList(fieldNames(publicJson).size() - 2, fieldNames(publicJson).size()))
                .containsExactly("timeline", "projects");
    }

    @Test
    void aProposalWithoutProjectsHasNoProjectsField() throws Exception {
        apply(accepted("prop-1").messages());

        JsonNode publicJson = TestStores.JSON.readTree(TestStores.JSON.writeValueAsString(
                views.publicView(views.find("prop-1").orElseThrow())));

        assertThat(views.publicView(views.find("prop-1").orElseThrow()).projects()).isEmpty();
        assertThat(publicJson.has("projects")).isFalse();
    }

    @Test
    void replayingTwiceAfterResetGivesTheSameDocumentsAsOnePass() {
        List<EventMessage<?>> history = Stream.of(accepted("prop-1").messages(),
                        fromProposal("proj-1", "prop-1", "花壇づくり").messages(), accepted("prop-2").messages(),
                        fromProposal("proj-2", "prop-2", "ベンチ").messages(),
                        fromProposal("proj-3", "prop-1", "案内板").messages())
                .flatMap(List::stream).<EventMessage<?>>map(m -> m).toList();
        apply(history);
        List<String> onePass = allJson();

        projection.reset();
        apply(history);
        apply(history);

        assertThat(allJson()).hasSize(2).isEqualTo(onePass);
    }

    private ProposalStory accepted(String id) {
        return ProposalStory.submitted(stores.protector, id, Ward.SAIWAI, "公園に花壇を", "御幸公園に花壇をつくってください。",
                        List.of("緑化"), ProposalProgramme.CITIZEN_PROPOSAL, SUBMITTED_AT)
                .acknowledged("地域振興課", LocalDate.parse("2025-07-15"), Instant.parse("2025-06-16T00:00:00Z"))
                .accepted("地域と協働で整備します。", null, 0, Instant.parse("2025-07-10T00:00:00Z"));
    }

    private static ProjectStory fromProposal(String projectId, String proposalId, String title) {
        return ProjectStory.launched(projectId, Ward.SAIWAI, 2025, title, "緑化", ProjectProgramme.COLLABORATIVE,
                new ProjectOrigin(proposalId, null, null), "幸区役所 地域振興課", LAUNCHED_AT);
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private void apply(List<? extends EventMessage<?>> messages) {
        applyAll(messages);
    }
}
