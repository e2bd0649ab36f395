package kyodo.query.proposal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import kyodo.kernel.Ward;
import kyodo.kernel.personal.JdbcPersonKeyVault;
import kyodo.kernel.personal.PersonalDataProtector;
import kyodo.kernel.personal.SealedPersonalData;
import kyodo.kernel.proposal.ProposalChannel;
import kyodo.kernel.proposal.ProposalProgramme;
import kyodo.kernel.proposal.ProposalSubmitted;
import kyodo.kernel.proposal.Proposer;
import kyodo.query.proposal.ProposalViews.ProposalPublicView;
import kyodo.query.proposal.ProposalViews.ProposalStaffView;
import kyodo.query.proposal.ProposalViews.ProposerView;
import org.bson.Document;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.lang.reflect.RecordComponent;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class ProposalViewsTest {

    private static final String NAME = "幸田 花子";
    private static final String CONTACT = "hanako.koda@example.jp";
    /** 2025-06-15 10:30 in Tokyo: FY2025, 令和7年度. */
    private static final Instant SUBMITTED_AT = Instant.parse("2025-06-15T01:30:00Z");

    private static MongoServer server;
    private static MongoClient client;
    private static JdbcPersonKeyVault vault;
    private static PersonalDataProtector protector;
    private static ObjectMapper json;

    private ProposalProjection projection;
    private ProposalViews views;
    private String subjectId;
    private SealedPersonalData sealed;

    @BeforeAll
    static void startStores() {
        server = new MongoServer(new MemoryBackend());
        InetSocketAddress address = server.bind();
        client = MongoClients.create("mongodb://127.0.0.1:" + address.getPort());
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:q-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        SecureRandom random = new SecureRandom();
        vault = new JdbcPersonKeyVault(dataSource, PersonalDataProtector.keyGenerator(random));
        vault.createSchema();
        json = new ObjectMapper().registerModule(new JavaTimeModule());
        protector = new PersonalDataProtector(vault, json, random);
    }

    @AfterAll
    static void stopStores() {
        client.close();
        server.shutdown();
    }

    @BeforeEach
    void oneSubmittedProposal() {
        MongoDatabase database = client.getDatabase("t" + UUID.randomUUID().toString().replace("-", ""));
        projection = new ProposalProjection(database);
        views = new ProposalViews(database, protector);
        subjectId = "subj-" + UUID.randomUUID();
        sealed = protector.sealForNewSubject(subjectId, new Proposer(NAME, CONTACT), SUBMITTED_AT);
        projection.on(new ProposalSubmitted("prop-1", Ward.SAIWAI, "公園にベンチを",
                "御幸公園の東側にベンチを三つ置いてください。", List.of("公園", "高齢者"),
                ProposalProgramme.CITIZEN_PROPOSAL, ProposalChannel.COUNTER, sealed, SUBMITTED_AT), 0L);
    }

    @Test
    void findsAProjectedProposalByItsId() {
        assertThat(views.find("prop-1")).get().extracting(d -> d.getString("_id")).isEqualTo("prop-1");
    }

    @Test
    void findsNothingForAnUnknownId() {
        assertThat(views.find("prop-404")).isEmpty();
    }

    @Test
    void publicViewShowsTheProposalWithWardAndFiscalYearNamesForPeople() {
        ProposalPublicView view = views.publicView(stored());

        assertThat(view).isEqualTo(new ProposalPublicView("prop-1", 0L, "saiwai", "幸区", "Saiwai Ward",
                "公園にベンチを", "御幸公園の東側にベンチを三つ置いてください。", List.of("公園", "高齢者"),
                "CITIZEN_PROPOSAL", "COUNTER", "SUBMITTED", SUBMITTED_AT, 2025, "令和7年度"));
    }

    @Test
    void publicViewHasNoProposerField() {
        assertThat(Arrays.stream(ProposalPublicView.class.getRecordComponents()).map(RecordComponent::getName))
                .doesNotContain("proposer");
    }

    @Test
    void publicViewAsJsonCarriesNoProposerAndNoPersonalData() throws Exception {
        String body = json.writeValueAsString(views.publicView(stored()));

        JsonNode tree = json.readTree(body);
        assertThat(tree.has("proposer")).isFalse();
        assertThat(body).doesNotContain(NAME).doesNotContain(CONTACT).doesNotContain(subjectId)
                .doesNotContain(sealed.ciphertext());
        assertThat(fieldNames(tree)).containsExactly("id", "version", "ward", "wardNameJa", "wardNameEn", "title",
                "body", "themes", "programme", "channel", "status", "submittedAt", "fiscalYear", "fiscalYearLabel");
        assertThat(tree.get("wardNameJa").asText()).isEqualTo("幸区");
        assertThat(tree.get("fiscalYearLabel").asText()).isEqualTo("令和7年度");
    }

    @Test
    void staffViewOpensTheProposer() {
        ProposalStaffView view = views.staffView(stored());

        assertThat(view.proposal()).isEqualTo(views.publicView(stored()));
        assertThat(view.proposer()).isEqualTo(new ProposerView(subjectId, NAME, CONTACT, false));
    }

    @Test
    void staffViewShowsThePlaceholderOnceTheProposerWasErased() {
        vault.destroy(subjectId, Instant.parse("2025-07-01T00:00:00Z"));

        ProposalStaffView view = views.staffView(stored());

        assertThat(view.proposer()).isEqualTo(new ProposerView(subjectId, PersonalDataProtector.ERASED_PLACEHOLDER,
                PersonalDataProtector.ERASED_PLACEHOLDER, true));
        assertThat(view.proposal()).isEqualTo(views.publicView(stored()));
    }

    @Test
    void erasureReachesTheStaffViewWithoutTouchingTheReadModel() {
        String before = stored().toJson();

        vault.destroy(subjectId, Instant.parse("2025-07-01T00:00:00Z"));

        assertThat(stored().toJson()).isEqualTo(before);
        assertThat(views.staffView(stored()).proposer().erased()).isTrue();
    }

    @Test
    void staffViewAsJsonUnwrapsTheProposalNextToTheProposer() throws Exception {
        JsonNode tree = json.readTree(json.writeValueAsString(views.staffView(stored())));

        assertThat(fieldNames(tree)).containsExactly("id", "version", "ward", "wardNameJa", "wardNameEn", "title",
                "body", "themes", "programme", "channel", "status", "submittedAt", "fiscalYear", "fiscalYearLabel",
                "proposer");
        assertThat(tree.get("id").asText()).isEqualTo("prop-1");
        assertThat(tree.get("title").asText()).isEqualTo("公園にベンチを");
        assertThat(tree.get("wardNameJa").asText()).isEqualTo("幸区");
        JsonNode proposer = tree.get("proposer");
        assertThat(fieldNames(proposer)).containsExactly("subjectId", "name", "contact", "erased");
        assertThat(proposer.get("subjectId").asText()).isEqualTo(subjectId);
        assertThat(proposer.get("name").asText()).isEqualTo(NAME);
        assertThat(proposer.get("contact").asText()).isEqualTo(CONTACT);
        assertThat(proposer.get("erased").asBoolean()).isFalse();
    }

    @Test
    void proposerViewNeverPrintsThePersonalData() {
        String printed = views.staffView(stored()).toString();

        assertThat(printed).doesNotContain(NAME).doesNotContain(CONTACT).contains(subjectId);
    }

    private Document stored() {
        return views.find("prop-1").orElseThrow();
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
