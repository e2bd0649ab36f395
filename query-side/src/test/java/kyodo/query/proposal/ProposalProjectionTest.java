package kyodo.query.proposal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Sorts;
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
import org.bson.Document;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class ProposalProjectionTest {

    private static final String NAME = "幸田 花子";
    private static final String CONTACT = "hanako.koda@example.jp";
    /** 2026-04-01 01:00 in Tokyo: the first hour of FY2026 although still March 31 in UTC. */
    private static final Instant FIRST_HOUR_OF_FY2026 = Instant.parse("2026-03-31T16:00:00Z");

    private static MongoServer server;
    private static MongoClient client;
    private static PersonalDataProtector protector;

    private MongoCollection<Document> proposals;
    private ProposalProjection projection;

    @BeforeAll
    static void startStores() {
        server = new MongoServer(new MemoryBackend());
        InetSocketAddress address = server.bind();
        client = MongoClients.create("mongodb://127.0.0.1:" + address.getPort());
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:q-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        SecureRandom random = new SecureRandom();
        JdbcPersonKeyVault vault = new JdbcPersonKeyVault(dataSource, PersonalDataProtector.keyGenerator(random));
        vault.createSchema();
        protector = new PersonalDataProtector(vault, new ObjectMapper().registerModule(new JavaTimeModule()), random);
    }

    @AfterAll
    static void stopStores() {
        client.close();
        server.shutdown();
    }

    @BeforeEach
    void freshDatabase() {
        // One database per test, so that no test sees another's documents.
        MongoDatabase database = client.getDatabase("t" + UUID.randomUUID().toString().replace("-", ""));
        proposals = database.getCollection(ProposalProjection.COLLECTION);
        projection = new ProposalProjection(database);
    }

    @Test
    void submittedProposalBecomesOneDocumentWithItsProposerSealed() {
        String subjectId = "subj-" + UUID.randomUUID();
        SealedPersonalData sealed = protector.sealForNewSubject(subjectId, new Proposer(NAME, CONTACT),
                FIRST_HOUR_OF_FY2026);
        ProposalSubmitted event = new ProposalSubmitted("prop-1", Ward.SAIWAI, "公園にベンチを",
                "御幸公園の東側にベンチを三つ置いてください。", List.of("公園", "高齢者"),
                ProposalProgramme.CITIZEN_PROPOSAL, ProposalChannel.COUNTER, sealed, FIRST_HOUR_OF_FY2026);

        projection.on(event, 0L);

        Document expected = new Document("_id", "prop-1")
                .append("version", 0L)
                .append("ward", "saiwai")
                .append("title", "公園にベンチを")
                .append("body", "御幸公園の東側にベンチを三つ置いてください。")
                .append("themes", List.of("公園", "高齢者"))
                .append("programme", "CITIZEN_PROPOSAL")
                .append("channel", "COUNTER")
                .append("status", "SUBMITTED")
                .append("submittedAt", Date.from(FIRST_HOUR_OF_FY2026))
                .append("fiscalYear", 2026)
                .append("proposer", new Document("subjectId", subjectId)
                        .append("algorithm", "AES-256-GCM")
                        .append("nonce", sealed.nonce())
                        .append("ciphertext", sealed.ciphertext()));
        assertThat(allDocuments()).containsExactly(expected);
        Document stored = allDocuments().get(0);
        assertThat(stored.get("version")).isInstanceOf(Long.class);
        assertThat(stored.get("fiscalYear")).isInstanceOf(Integer.class);
    }

    @Test
    void storedDocumentNeverContainsTheProposerInClear() {
        projection.on(submitted("prop-1", "subj-1", FIRST_HOUR_OF_FY2026), 0L);

        String json = allDocuments().get(0).toJson();
        assertThat(json).doesNotContain(NAME).doesNotContain("幸田").doesNotContain(CONTACT);
        assertThat(allDocuments().get(0).get("proposer", Document.class).keySet())
                .containsExactly("subjectId", "algorithm", "nonce", "ciphertext");
    }

    @Test
    void lastSecondOfMarchInTokyoStillBelongsToThePreviousFiscalYear() {
        // 2026-03-31 23:59:59 in Tokyo.
        projection.on(submitted("prop-1", "subj-1", Instant.parse("2026-03-31T14:59:59Z")), 0L);

        assertThat(allDocuments().get(0).getInteger("fiscalYear")).isEqualTo(2025);
    }

    @Test
    void sameEventTwiceLeavesTheDocumentAsItWas() {
        ProposalSubmitted event = submitted("prop-1", "subj-1", FIRST_HOUR_OF_FY2026);
        projection.on(event, 0L);
        List<String> once = allJson();

        projection.on(event, 0L);

        assertThat(allJson()).isEqualTo(once);
        assertThat(proposals.countDocuments()).isEqualTo(1L);
    }

    @Test
    void replayedCreationCannotOverwriteTheStoredDocument() {
        ProposalSubmitted original = submitted("prop-1", "subj-1", FIRST_HOUR_OF_FY2026);
        projection.on(original, 0L);
        List<String> before = allJson();
        ProposalSubmitted sameIdOtherContent = new ProposalSubmitted("prop-1", Ward.TAMA, "別の題",
                "別の本文", List.of(), ProposalProgramme.OTHER, ProposalChannel.WEB, original.proposer(),
                Instant.parse("2027-01-01T00:00:00Z"));

        projection.on(sameIdOtherContent, 0L);

        assertThat(allJson()).isEqualTo(before);
    }

    @Test
    void resetRemovesEveryProposalDocument() {
        projection.on(submitted("prop-1", "subj-1", FIRST_HOUR_OF_FY2026), 0L);
        projection.on(submitted("prop-2", "subj-2", FIRST_HOUR_OF_FY2026), 0L);
        assertThat(proposals.countDocuments()).isEqualTo(2L);

        projection.reset();

        assertThat(proposals.countDocuments()).isZero();
    }

    @Test
    void replayingTwiceAfterResetGivesTheSameDocumentsAsOnePass() {
        List<ProposalSubmitted> history = List.of(
                submitted("prop-1", "subj-1", FIRST_HOUR_OF_FY2026),
                submitted("prop-2", "subj-2", Instant.parse("2025-06-15T01:30:00Z")),
                submitted("prop-3", "subj-3", Instant.parse("2026-03-31T14:59:59Z")));
        history.forEach(e -> projection.on(e, 0L));
        List<String> onePass = allJson();

        projection.reset();
        history.forEach(e -> projection.on(e, 0L));
        history.forEach(e -> projection.on(e, 0L));

        assertThat(allJson()).hasSize(3).isEqualTo(onePass);
    }

    private ProposalSubmitted submitted(String proposalId, String subjectId, Instant at) {
        return new ProposalSubmitted(proposalId, Ward.SAIWAI, "題 " + proposalId, "本文 " + proposalId,
                List.of("公園"), ProposalProgramme.SUGGESTION_BOX, ProposalChannel.MAIL, seal(subjectId), at);
    }

    /** The vault outlives each test, so every subject gets a fresh id. */
    private SealedPersonalData seal(String subjectPrefix) {
        return protector.sealForNewSubject(subjectPrefix + "-" + UUID.randomUUID(), new Proposer(NAME, CONTACT),
                FIRST_HOUR_OF_FY2026);
    }

    private List<Document> allDocuments() {
        return proposals.find().sort(Sorts.ascending("_id")).into(new ArrayList<>());
    }

    private List<String> allJson() {
        return allDocuments().stream().map(Document::toJson).toList();
    }
}
