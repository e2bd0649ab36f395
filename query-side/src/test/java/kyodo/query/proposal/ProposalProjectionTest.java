package kyodo.query.proposal;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import kyodo.kernel.Ward;
import kyodo.kernel.personal.SealedPersonalData;
import kyodo.kernel.proposal.ProposalChannel;
import kyodo.kernel.proposal.ProposalProgramme;
import kyodo.kernel.proposal.ProposalSubmitted;
import kyodo.kernel.proposal.Proposer;
import kyodo.query.platform.ProjectionTestSupport;
import kyodo.query.platform.store.mongo.MongoReadStore;
import kyodo.query.search.SearchTokens;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import static kyodo.query.proposal.ProposalStory.CONTACT;
import static kyodo.query.proposal.ProposalStory.NAME;
import static org.assertj.core.api.Assertions.assertThat;

class ProposalProjectionTest extends ProjectionTestSupport {

    /** 2026-04-01 01:00 in Tokyo: the first hour of FY2026 although still March 31 in UTC. */
    private static final Instant FIRST_HOUR_OF_FY2026 = Instant.parse("2026-03-31T16:00:00Z");
    /** 2025-06-15 10:30 in Tokyo. */
    private static final Instant SUBMITTED_AT = Instant.parse("2025-06-15T01:30:00Z");
    private static final Instant ACKNOWLEDGED_AT = Instant.parse("2025-06-16T00:00:00Z");
    private static final LocalDate DUE_ON = LocalDate.parse("2025-07-15");
    private static final Instant PROGRESS_AT = Instant.parse("2025-06-20T02:00:00Z");
    private static final Instant REVISION_REQUESTED_AT = Instant.parse("2025-06-25T03:00:00Z");
    private static final Instant REVISED_AT = Instant.parse("2025-07-01T04:00:00Z");
    private static final Instant REFERRED_AT = Instant.parse("2025-07-05T05:00:00Z");
    /** 2025-07-15 00:30 in Tokyo, still July 14 in UTC: on the due day, 30 days after submission. */
    private static final Instant ANSWERED_ON_DUE_DAY = Instant.parse("2025-07-14T15:30:00Z");
    /** 2025-07-16 00:00 in Tokyo: the deadline fired. */
    private static final Instant DEADLINE_FIRED_AT = Instant.parse("2025-07-15T15:00:00Z");
    /** 2025-07-21 10:00 in Tokyo: six days late, 36 days after submission. */
    private static final Instant ANSWERED_SIX_DAYS_LATE = Instant.parse("2025-07-21T01:00:00Z");

    @RegisterExtension
    static final TestStores stores = new TestStores();

    private MongoCollection<Document> proposals;
    private ProposalProjection projection;

    @BeforeEach
    void freshDatabase() {
        MongoDatabase database = stores.freshDatabase();
        proposals = database.getCollection(ProposalProjection.COLLECTION);
        projection = new ProposalProjection(MongoReadStore.of(database));
        drive(projection, proposals);
    }

    @Test
    void submittedProposalBecomesOneDocumentWithItsProposerSealed() {
        String subjectId = "subj-" + UUID.randomUUID();
        SealedPersonalData sealed = stores.protector.sealForNewSubject(subjectId, new Proposer(NAME, CONTACT),
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
                .append("overdue", false)
                .append("listed", true)
                .append("answeredLate", false)
                .append("searchTokens", SearchTokens.ofDocument("公園にベンチを", "御幸公園の東側にベンチを三つ置いてください。"))
                .append("timeline", List.of(new Document("seq", 0L).append("kind", "SUBMITTED")
                        .append("at", Date.from(FIRST_HOUR_OF_FY2026)).append("role", "PROPOSER")))
                .append("proposer", new Document("subjectId", subjectId)
                        .append("algorithm", "AES-256-GCM")
                        .append("nonce", sealed.nonce())
                        .append("ciphertext", sealed.ciphertext()));
        assertThat(allDocuments()).containsExactly(expected);
        Document stored = allDocuments().get(0);
        assertThat(stored.get("version")).isInstanceOf(Long.class);
        assertThat(stored.get("fiscalYear")).isInstanceOf(Integer.class);
        assertThat(stored.getList("searchTokens", String.class)).contains("ベン", "東側", "公", "園");
    }

    @Test
    void storedDocumentNeverContainsTheProposerInClear() {
        projection.on(submitted("prop-1", FIRST_HOUR_OF_FY2026), 0L);

        String json = allDocuments().get(0).toJson();
        assertThat(json).doesNotContain(NAME).doesNotContain("幸田").doesNotContain(CONTACT);
        assertThat(allDocuments().get(0).get("proposer", Document.class).keySet())
                .containsExactly("subjectId", "algorithm", "nonce", "ciphertext");
    }

    @Test
    void lastSecondOfMarchInTokyoStillBelongsToThePreviousFiscalYear() {
        // 2026-03-31 23:59:59 in Tokyo.
        projection.on(submitted("prop-1", Instant.parse("2026-03-31T14:59:59Z")), 0L);

        assertThat(allDocuments().get(0).getInteger("fiscalYear")).isEqualTo(2025);
    }

    @Test
    void fullLifecycleGivesTheExactDocumentAndTimeline() {
        ProposalStory story = lifecycle("prop-1");

        applyAll(story);

        Document expected = new Document("_id", "prop-1")
                .append("version", 6L)
                .append("ward", "saiwai")
                .append("title", "御幸公園に木製ベンチを")
                .append("body", "御幸公園の東側にベンチを三つ置いてください。")
                .append("themes", List.of("公園", "高齢者"))
                .append("programme", "CITIZEN_PROPOSAL")
                .append("channel", "COUNTER")
                .append("status", "ACCEPTED")
                .append("submittedAt", Date.from(SUBMITTED_AT))
                .append("fiscalYear", 2025)
                .append("overdue", false)
                .append("listed", true)
                .append("answeredLate", false)
                .append("searchTokens", SearchTokens.ofDocument("御幸公園に木製ベンチを", "御幸公園の東側にベンチを三つ置いてください。"))
                .append("timeline", List.of(
                        new Document("seq", 0L).append("kind", "SUBMITTED").append("at", Date.from(SUBMITTED_AT))
                                .append("role", "PROPOSER"),
                        new Document("seq", 1L).append("kind", "ACKNOWLEDGED").append("at", Date.from(ACKNOWLEDGED_AT))
                                .append("department", "地域振興課").append("dueOn", "2025-07-15")
                                .append("role", "STAFF"),
                        new Document("seq", 2L).append("kind", "PROGRESS_UPDATE").append("at", Date.from(PROGRESS_AT))
                                .append("text", "現地を確認しました。").append("role", "STAFF"),
                        new Document("seq", 3L).append("kind", "REVISION_REQUESTED")
                                .append("at", Date.from(REVISION_REQUESTED_AT))
                                .append("reason", "設置場所を地図で示してください。")
                                .append("outcome", "REVISION_REQUESTED").append("role", "WARD_HEAD"),
                        new Document("seq", 4L).append("kind", "REVISED").append("at", Date.from(REVISED_AT))
                                .append("role", "STAFF"),
                        new Document("seq", 5L).append("kind", "REFERRED").append("at", Date.from(REFERRED_AT))
                                .append("reason", "区民会議で審議します。").append("outcome", "REFERRED")
                                .append("meetingId", "meet-2025-07").append("role", "WARD_HEAD"),
                        new Document("seq", 6L).append("kind", "ACCEPTED").append("at", Date.from(ANSWERED_ON_DUE_DAY))
                                .append("reason", "利用者の安全が確認できたため。").append("outcome", "ACCEPTED")
                                .append("conditions", "既存予算の範囲内で設置すること。").append("role", "WARD_HEAD")))
                .append("proposer", sealedDocument(story.proposer))
                .append("department", "地域振興課")
                .append("acknowledgedAt", Date.from(ACKNOWLEDGED_AT))
                .append("dueOn", "2025-07-15")
                .append("meetingId", "meet-2025-07")
                .append("outcome", "ACCEPTED")
                .append("decidedAt", Date.from(ANSWERED_ON_DUE_DAY))
                .append("reason", "利用者の安全が確認できたため。")
                .append("conditions", "既存予算の範囲内で設置すること。")
                .append("daysLate", 0)
                .append("daysToAnswer", 30);
        assertThat(allDocuments()).containsExactly(expected);
    }

    @Test
    void revisionReplacesOnlyTheGivenTextAndTheSearchTokensFollow() {
        applyAll(lifecycle("prop-1"));

        Document doc = allDocuments().get(0);
        assertThat(doc.getString("title")).isEqualTo("御幸公園に木製ベンチを");
        assertThat(doc.getString("body")).isEqualTo("御幸公園の東側にベンチを三つ置いてください。");
        assertThat(doc.getList("searchTokens", String.class)).contains("木製", "東側").doesNotContain("椅子");
    }

    @Test
    void revisedProposalIsUnderReviewAgain() {
        ProposalStory story = lifecycle("prop-1");
        List<? extends EventMessage<?>> messages = story.messages();

        messages.subList(0, 4).forEach(this::apply);
        assertThat(allDocuments().get(0).getString("status")).isEqualTo("REVISION_REQUESTED");
        apply(messages.get(4));
        assertThat(allDocuments().get(0).getString("status")).isEqualTo("ACKNOWLEDGED");
        apply(messages.get(5));
        assertThat(allDocuments().get(0).getString("status")).isEqualTo("REFERRED_TO_MEETING");
    }

    @Test
    void aWithdrawnReferralPutsTheProposalBackUnderReviewBeforeNoMeeting() {
        Instant withdrawnAt = REFERRED_AT.plusSeconds(86_400);
        applyAll(acknowledged("prop-1").referred("meet-2025-07", "区民会議で審議します。", REFERRED_AT)
                .referralWithdrawn("meet-2025-07", "会議が延期されたため。", withdrawnAt));

        Document doc = allDocuments().get(0);
        assertThat(doc.getString("status")).isEqualTo("ACKNOWLEDGED");
        assertThat(doc.get("meetingId")).isNull();
        assertThat(doc.getLong("version")).isEqualTo(3L);
        assertThat(last(doc)).isEqualTo(new Document("seq", 3L).append("kind", "REFERRAL_WITHDRAWN")
                .append("at", Date.from(withdrawnAt)).append("role", "WARD_HEAD")
                .append("reason", "会議が延期されたため。").append("outcome", "WITHDRAWN")
                .append("meetingId", "meet-2025-07"));
    }

    @Test
    void rejectionRecordsTheAnswerWithItsReasonAndNoConditions() {
        applyAll(acknowledged("prop-1").rejected("公園の管理規則で設置できないため。", 0, ANSWERED_ON_DUE_DAY));

        Document doc = allDocuments().get(0);
        assertThat(state(doc)).isEqualTo(new Document("version", 2L)
                .append("status", "REJECTED")
                .append("overdue", false)
                .append("listed", true)
                .append("answeredLate", false)
                .append("department", "地域振興課")
                .append("acknowledgedAt", Date.from(ACKNOWLEDGED_AT))
                .append("dueOn", "2025-07-15")
                .append("outcome", "REJECTED")
                .append("decidedAt", Date.from(ANSWERED_ON_DUE_DAY))
                .append("reason", "公園の管理規則で設置できないため。")
                .append("daysLate", 0)
                .append("daysToAnswer", 30));
        assertThat(last(doc)).isEqualTo(new Document("seq", 2L).append("kind", "REJECTED")
                .append("at", Date.from(ANSWERED_ON_DUE_DAY)).append("reason", "公園の管理規則で設置できないため。")
                .append("outcome", "REJECTED").append("role", "WARD_HEAD"));
    }

    @Test
    void withdrawalEndsTheProposalAndClearsOverdue() {
        Instant withdrawnAt = Instant.parse("2025-07-18T06:00:00Z");
        applyAll(acknowledged("prop-1").overdue(DUE_ON, DEADLINE_FIRED_AT).withdrawn("自治会で対応することになりました。",
                withdrawnAt));

        Document doc = allDocuments().get(0);
        assertThat(state(doc)).isEqualTo(new Document("version", 3L)
                .append("status", "WITHDRAWN")
                .append("overdue", false)
                .append("listed", true)
                .append("answeredLate", false)
                .append("department", "地域振興課")
                .append("acknowledgedAt", Date.from(ACKNOWLEDGED_AT))
                .append("dueOn", "2025-07-15")
                .append("withdrawnAt", Date.from(withdrawnAt)));
        assertThat(last(doc)).isEqualTo(new Document("seq", 3L).append("kind", "WITHDRAWN")
                .append("at", Date.from(withdrawnAt)).append("reason", "自治会で対応することになりました。")
                .append("role", "STAFF"));
    }

    @Test
    void overdueHoldsOnlyUntilTheLateAnswerWhichIsRecordedAsLate() {
        ProposalStory story = acknowledged("prop-1").overdue(DUE_ON, DEADLINE_FIRED_AT)
                .accepted("他の要望と合わせて対応します。", null, 6, ANSWERED_SIX_DAYS_LATE);
        List<? extends EventMessage<?>> messages = story.messages();

        messages.subList(0, 3).forEach(this::apply);

        Document overdue = allDocuments().get(0);
        assertThat(state(overdue)).isEqualTo(new Document("version", 2L)
                .append("status", "ACKNOWLEDGED")
                .append("overdue", true)
                .append("listed", true)
                .append("answeredLate", false)
                .append("department", "地域振興課")
                .append("acknowledgedAt", Date.from(ACKNOWLEDGED_AT))
                .append("dueOn", "2025-07-15"));
        assertThat(last(overdue)).isEqualTo(new Document("seq", 2L).append("kind", "RESPONSE_OVERDUE")
                .append("at", Date.from(DEADLINE_FIRED_AT)).append("dueOn", "2025-07-15").append("role", "SYSTEM"));

        apply(messages.get(3));

        Document answered = allDocuments().get(0);
        assertThat(state(answered)).isEqualTo(new Document("version", 3L)
                .append("status", "ACCEPTED")
                .append("overdue", false)
                .append("listed", true)
                .append("answeredLate", true)
                .append("department", "地域振興課")
                .append("acknowledgedAt", Date.from(ACKNOWLEDGED_AT))
                .append("dueOn", "2025-07-15")
                .append("outcome", "ACCEPTED")
                .append("decidedAt", Date.from(ANSWERED_SIX_DAYS_LATE))
                .append("reason", "他の要望と合わせて対応します。")
                .append("daysLate", 6)
                .append("daysToAnswer", 36));
        assertThat(last(answered).containsKey("conditions")).isFalse();
    }

    @Test
    void aDeadlineFiringAfterTheAnswerIsOnTheTimelineButLeavesTheAnswerNotOverdue() {
        applyAll(acknowledged("prop-1").accepted("了解しました。", null, 0, ANSWERED_ON_DUE_DAY)
                .overdue(DUE_ON, DEADLINE_FIRED_AT));

        Document doc = allDocuments().get(0);
        assertThat(doc.getLong("version")).isEqualTo(3L);
        assertThat(doc.getBoolean("overdue")).isFalse();
        assertThat(doc.getString("status")).isEqualTo("ACCEPTED");
        assertThat(doc.getList("timeline", Document.class)).extracting(e -> e.getString("kind"))
                .containsExactly("SUBMITTED", "ACKNOWLEDGED", "ACCEPTED", "RESPONSE_OVERDUE");
    }

    @Test
    void everyEventAppliedTwiceChangesNothing() {
        List<ProposalStory> stories = List.of(lifecycle("prop-1"),
                acknowledged("prop-2").overdue(DUE_ON, DEADLINE_FIRED_AT).rejected("対象外です。", 6,
                        ANSWERED_SIX_DAYS_LATE),
                acknowledged("prop-3").withdrawn("取り下げます。", REVISED_AT));
        for (ProposalStory story : stories) {
            for (EventMessage<?> message : story.messages()) {
                apply(message);
                List<String> once = allJson();

                apply(message);

                assertThat(allJson()).as("after %s twice", message.getPayloadType().getSimpleName())
                        .isEqualTo(once);
            }
        }
    }

    @Test
    void anOlderEventArrivingAfterANewerOneChangesNothing() {
        List<? extends EventMessage<?>> messages = lifecycle("prop-1").messages();
        applyAll(messages);
        List<String> done = allJson();

        messages.forEach(this::apply);

        assertThat(allJson()).isEqualTo(done);
        assertThat(allDocuments().get(0).getList("timeline", Document.class)).hasSize(7);
    }

    @Test
    void replayedCreationCannotOverwriteTheStoredDocument() {
        ProposalSubmitted original = submitted("prop-1", FIRST_HOUR_OF_FY2026);
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
        projection.on(submitted("prop-1", FIRST_HOUR_OF_FY2026), 0L);
        projection.on(submitted("prop-2", FIRST_HOUR_OF_FY2026), 0L);
        assertThat(proposals.countDocuments()).isEqualTo(2L);

        projection.reset();

        assertThat(proposals.countDocuments()).isZero();
    }

    @Test
    void replayingTwiceAfterResetGivesTheSameDocumentsAsOnePass() {
        List<EventMessage<?>> history = Stream.of(lifecycle("prop-1"),
                        acknowledged("prop-2").overdue(DUE_ON, DEADLINE_FIRED_AT).rejected("対象外です。", 6,
                                ANSWERED_SIX_DAYS_LATE),
                        acknowledged("prop-3").withdrawn("取り下げます。", REVISED_AT),
                        ProposalStory.submitted(stores.protector, "prop-4", Ward.TAMA, "題", "本文", List.of("防災"),
                                ProposalProgramme.SUGGESTION_BOX, Instant.parse("2026-03-31T14:59:59Z")))
                .flatMap(story -> story.messages().stream()).<EventMessage<?>>map(m -> m).toList();
        applyAll(history);
        List<String> onePass = allJson();

        projection.reset();
        applyAll(history);
        applyAll(history);

        assertThat(allJson()).hasSize(4).isEqualTo(onePass);
    }

    @Test
    void neitherStaffIdsNorTheProposerAppearOutsideTheSealedProposer() {
        applyAll(lifecycle("prop-1"));
        Document doc = allDocuments().get(0);
        doc.remove("proposer");

        assertThat(doc.toJson()).doesNotContain(ProposalStory.CLERK.staffId())
                .doesNotContain(ProposalStory.HEAD.staffId()).doesNotContain(NAME).doesNotContain(CONTACT)
                .doesNotContain("subj-");
        assertThat(doc.getList("timeline", Document.class)).extracting(e -> e.getString("role"))
                .containsExactly("PROPOSER", "STAFF", "STAFF", "WARD_HEAD", "STAFF", "WARD_HEAD", "WARD_HEAD");
    }

    @Test
    void indexesForEveryFilterAndSortExistOnceTheProjectionIsCreated() {
        List<String> names = proposals.listIndexes().map(i -> i.getString("name")).into(new ArrayList<>());

        assertThat(names).containsExactlyInAnyOrder("_id_", "listed_1_searchTokens_1",
                "listed_1_submittedAt_1__id_1", "listed_1_ward_1_submittedAt_1__id_1",
                "listed_1_status_1_submittedAt_1__id_1", "listed_1_fiscalYear_1_submittedAt_1__id_1",
                "listed_1_themes_1_submittedAt_1__id_1", "listed_1_programme_1_submittedAt_1__id_1",
                "listed_1_overdue_1_submittedAt_1__id_1", "listed_1_dueOn_1__id_1", "listed_1_ward_1_dueOn_1__id_1",
                "listed_1_status_1_dueOn_1__id_1", "listed_1_fiscalYear_1_dueOn_1__id_1",
                "listed_1_status_1_overdue_1_dueOn_1__id_1", "listed_1_ward_1_status_1_submittedAt_1__id_1",
                "listed_1_themes_1_dueOn_1__id_1", "listed_1_programme_1_dueOn_1__id_1",
                "listed_1_overdue_1_dueOn_1__id_1");
    }

    @Test
    void aBatchIsWrittenWithOneBulkWriteWhenItsUnitOfWorkPreparesToCommit() {
        ProposalStory story = lifecycle("prop-1");
        List<EventMessage<?>> batch = new ArrayList<>(story.messages());
        batch.add(GenericEventMessage.asEventMessage("an event of another feature"));
        AtomicLong documentsBeforeCommit = new AtomicLong(-1);
        stores.commands.clear();

        process(batch, message -> {
            if (message == batch.get(batch.size() - 1)) {
                documentsBeforeCommit.set(proposals.countDocuments());
            }
        });

        assertThat(documentsBeforeCommit).hasValue(0L);
        assertThat(stores.commands.stream().filter("update"::equals)).hasSize(1);
        assertThat(stores.commands).doesNotContain("find");
        List<String> batched = allJson();
        projection.reset();
        applyAll(story);
        assertThat(allJson()).isEqualTo(batched);
    }

    @Test
    void aBatchContinuingAnEarlierOneReadsTheProposalOnceAndWritesOnce() {
        List<? extends EventMessage<?>> messages = ProposalStory.submitted(stores.protector, "prop-1", Ward.SAIWAI,
                        "公園に椅子を", "御幸公園の東側にベンチを三つ置いてください。", List.of("公園"),
                        ProposalProgramme.CITIZEN_PROPOSAL, SUBMITTED_AT)
                .acknowledged("地域振興課", DUE_ON, ACKNOWLEDGED_AT)
                .revisionRequested("設置場所を地図で示してください。", REVISION_REQUESTED_AT)
                .revised(null, "御幸公園の西側に木製ベンチを二つ。", REVISED_AT)
                .accepted("了解しました。", null, 0, ANSWERED_ON_DUE_DAY)
                .messages();
        process(List.of(messages.get(0)), message -> { });
        stores.commands.clear();

        process(List.copyOf(messages.subList(1, 5)), message -> { });

        assertThat(stores.commands.stream().filter("find"::equals)).hasSize(1);
        assertThat(stores.commands.stream().filter("update"::equals)).hasSize(1);
        Document doc = allDocuments().get(0);
        assertThat(doc.getLong("version")).isEqualTo(4L);
        assertThat(doc.getString("title")).isEqualTo("公園に椅子を");
        assertThat(doc.getString("body")).isEqualTo("御幸公園の西側に木製ベンチを二つ。");
        assertThat(doc.getList("searchTokens", String.class)).contains("椅子", "西側").doesNotContain("東側");
        assertThat(doc.getInteger("daysToAnswer")).isEqualTo(30);
    }

    @Test
    void aBatchThatFailsBeforeItsLastEventWritesNothing() {
        List<? extends EventMessage<?>> messages = lifecycle("prop-1").messages();
        stores.commands.clear();

        process(List.copyOf(messages), message -> {
            if (message == messages.get(messages.size() - 2)) {
                throw new IllegalStateException("the processor failed mid-batch");
            }
        });

        assertThat(proposals.countDocuments()).isZero();
        assertThat(stores.commands).doesNotContain("update");
        assertThat(CurrentUnitOfWork.isStarted()).isFalse();
    }

    /**
     * Mongo is not in the processor's transaction: a batch is written while its last event is
     * handled, before the token is stored. If the batch then fails, the token stays behind and the
     * retried batch must give exactly the documents a clean run gives.
     */
    @Test
    void aBatchThatFailsAfterWritingIsRetriedToTheSameDocuments() {
        List<? extends EventMessage<?>> messages = lifecycle("prop-1").messages();
        process(List.copyOf(messages), message -> {
        });
        List<String> clean = proposals.find().map(Document::toJson).into(new ArrayList<>());
        proposals.deleteMany(new Document());

        process(List.copyOf(messages), message -> {
            if (message == messages.get(messages.size() - 1)) {
                throw new IllegalStateException("the token could not be stored");
            }
        });
        process(List.copyOf(messages), message -> {
        });

        assertThat(proposals.find().map(Document::toJson).into(new ArrayList<>())).isEqualTo(clean);
        assertThat(CurrentUnitOfWork.isStarted()).isFalse();
    }

    /** Submitted 2025-06-15, acknowledged for 地域振興課 with the answer due 2025-07-15. */
    private ProposalStory acknowledged(String id) {
        return ProposalStory.submitted(stores.protector, id, Ward.SAIWAI, "公園に椅子を",
                        "御幸公園の東側にベンチを三つ置いてください。", List.of("公園", "高齢者"),
                        ProposalProgramme.CITIZEN_PROPOSAL, SUBMITTED_AT)
                .acknowledged("地域振興課", DUE_ON, ACKNOWLEDGED_AT);
    }

    /** Every step from submission to acceptance on the due day: seven events, sequence 0..6. */
    private ProposalStory lifecycle(String id) {
        return acknowledged(id)
                .progress("現地を確認しました。", PROGRESS_AT)
                .revisionRequested("設置場所を地図で示してください。", REVISION_REQUESTED_AT)
                .revised("御幸公園に木製ベンチを", null, REVISED_AT)
                .referred("meet-2025-07", "区民会議で審議します。", REFERRED_AT)
                .accepted("利用者の安全が確認できたため。", "既存予算の範囲内で設置すること。", 0, ANSWERED_ON_DUE_DAY);
    }

    private void applyAll(ProposalStory story) {
        applyAll(story.messages());
    }

    private ProposalSubmitted submitted(String proposalId, Instant at) {
        return new ProposalSubmitted(proposalId, Ward.SAIWAI, "題 " + proposalId, "本文 " + proposalId,
                List.of("公園"), ProposalProgramme.SUGGESTION_BOX, ProposalChannel.MAIL, seal(), at);
    }

    /** The vault outlives each test, so every subject gets a fresh id. */
    private SealedPersonalData seal() {
        return stores.protector.sealForNewSubject("subj-" + UUID.randomUUID(), new Proposer(NAME, CONTACT),
                FIRST_HOUR_OF_FY2026);
    }

    private static Document sealedDocument(SealedPersonalData sealed) {
        return new Document("subjectId", sealed.subjectId()).append("algorithm", sealed.algorithm())
                .append("nonce", sealed.nonce()).append("ciphertext", sealed.ciphertext());
    }

    /** What changes after submission: the document without what submission alone fixes. */
    private static Document state(Document doc) {
        Document state = new Document(doc);
        Stream.of("_id", "ward", "title", "body", "themes", "programme", "channel", "submittedAt", "fiscalYear",
                "searchTokens", "timeline", "proposer").forEach(state::remove);
        return state;
    }

    private static Document last(Document doc) {
        List<Document> timeline = doc.getList("timeline", Document.class);
        return timeline.get(timeline.size() - 1);
    }
}
