package kyodo.query.proposal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoDatabase;
import kyodo.kernel.Ward;
import kyodo.kernel.personal.PersonalDataProtector;
import kyodo.kernel.proposal.ProposalProgramme;
import kyodo.query.platform.store.mongo.MongoReadStore;
import kyodo.query.proposal.ProposalViews.ProposalListItem;
import kyodo.query.proposal.ProposalViews.ProposalPage;
import kyodo.query.proposal.ProposalViews.ProposalPublicView;
import kyodo.query.proposal.ProposalViews.ProposalStaffView;
import kyodo.query.proposal.ProposalViews.ProposerView;
import kyodo.query.proposal.ProposalViews.TimelineEntry;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.EventMessage;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.lang.reflect.RecordComponent;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static kyodo.query.proposal.ProposalStory.CONTACT;
import static kyodo.query.proposal.ProposalStory.NAME;
import static org.assertj.core.api.Assertions.assertThat;

class ProposalViewsTest {

    private static final kyodo.query.listing.Viewer SAIWAI_STAFF = kyodo.query.listing.Viewer.of(
            new kyodo.kernel.access.Actor("s-1", kyodo.kernel.access.Role.STAFF, kyodo.kernel.Ward.SAIWAI));

    /** 2025-06-15 10:30 in Tokyo: FY2025, 令和7年度. */
    private static final Instant SUBMITTED_AT = Instant.parse("2025-06-15T01:30:00Z");
    private static final Instant ACKNOWLEDGED_AT = Instant.parse("2025-06-16T00:00:00Z");
    private static final Instant REFERRED_AT = Instant.parse("2025-07-05T05:00:00Z");
    /** 2025-07-15 00:30 in Tokyo: on the due day, 30 days after submission. */
    private static final Instant ANSWERED_AT = Instant.parse("2025-07-14T15:30:00Z");
    private static final ObjectMapper JSON = TestStores.JSON;

    private static TestStores stores;

    private ProposalViews views;
    private AnnotationEventHandlerAdapter handler;
    private ProposalStory story;

    @BeforeAll
    static void startStores() {
        stores = new TestStores();
    }

    @AfterAll
    static void stopStores() {
        stores.close();
    }

    @BeforeEach
    void oneSubmittedProposal() {
        MongoDatabase database = stores.freshDatabase();
        handler = new AnnotationEventHandlerAdapter(new ProposalProjection(MongoReadStore.of(database)));
        views = new ProposalViews(MongoReadStore.of(database), stores.protector);
        story = ProposalStory.submitted(stores.protector, "prop-1", Ward.SAIWAI, "公園にベンチを",
                "御幸公園の東側にベンチを三つ置いてください。", List.of("公園", "高齢者"),
                ProposalProgramme.CITIZEN_PROPOSAL, SUBMITTED_AT);
        apply(story);
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
    void findLeavesTheSearchTokensInTheStore() {
        assertThat(views.find("prop-1").orElseThrow().containsKey("searchTokens")).isFalse();
    }

    @Test
    void publicViewShowsTheProposalWithWardAndFiscalYearNamesForPeople() {
        ProposalPublicView view = views.publicView(stored());

        assertThat(view).isEqualTo(new ProposalPublicView("prop-1", 0L, "saiwai", "幸区", "Saiwai Ward",
                "公園にベンチを", "御幸公園の東側にベンチを三つ置いてください。", List.of("公園", "高齢者"),
                "CITIZEN_PROPOSAL", "COUNTER", "SUBMITTED", SUBMITTED_AT, 2025, "令和7年度", null, null, null,
                false, false, null, null, null, null, null, null, null, null, 0,
                List.of(new TimelineEntry(0L, "SUBMITTED", SUBMITTED_AT, null, null, null, null, null, null, null,
                        "PROPOSER")), List.of()));
    }

    @Test
    void publicViewOfAnAnsweredProposalShowsTheAnswerAndTheWholeTimeline() {
        answer();

        ProposalPublicView view = views.publicView(stored());

        assertThat(view).isEqualTo(new ProposalPublicView("prop-1", 3L, "saiwai", "幸区", "Saiwai Ward",
                "公園にベンチを", "御幸公園の東側にベンチを三つ置いてください。", List.of("公園", "高齢者"),
                "CITIZEN_PROPOSAL", "COUNTER", "ACCEPTED", SUBMITTED_AT, 2025, "令和7年度", "地域振興課",
                ACKNOWLEDGED_AT, LocalDate.parse("2025-07-15"), false, false, ANSWERED_AT, "ACCEPTED",
                "安全が確認できたため。", "既存予算の範囲内で。", 0, 30, "meet-2025-07", null, 0, List.of(
                new TimelineEntry(0L, "SUBMITTED", SUBMITTED_AT, null, null, null, null, null, null, null,
                        "PROPOSER"),
                new TimelineEntry(1L, "ACKNOWLEDGED", ACKNOWLEDGED_AT, null, null, null, null, null,
                        LocalDate.parse("2025-07-15"), "地域振興課", "STAFF"),
                new TimelineEntry(2L, "REFERRED", REFERRED_AT, null, "区民会議で審議します。", "REFERRED", null,
                        "meet-2025-07", null, null, "WARD_HEAD"),
                new TimelineEntry(3L, "ACCEPTED", ANSWERED_AT, null, "安全が確認できたため。", "ACCEPTED",
                        "既存予算の範囲内で。", null, null, null, "WARD_HEAD")), List.of()));
    }

    @Test
    void publicViewHasNoProposerField() {
        assertThat(Arrays.stream(ProposalPublicView.class.getRecordComponents()).map(RecordComponent::getName))
                .doesNotContain("proposer");
    }

    @Test
    void publicViewAsJsonCarriesNoProposerAndNoPersonalData() throws Exception {
        String body = JSON.writeValueAsString(views.publicView(stored()));

        JsonNode tree = JSON.readTree(body);
        assertThat(tree.has("proposer")).isFalse();
        assertThat(body).doesNotContain(NAME).doesNotContain(CONTACT).doesNotContain(story.proposer.subjectId())
                .doesNotContain(story.proposer.ciphertext());
        assertThat(fieldNames(tree)).containsExactly("id", "version", "ward", "wardNameJa", "wardNameEn", "title",
                "body", "themes", "programme", "channel", "status", "submittedAt", "fiscalYear", "fiscalYearLabel",
                "department", "acknowledgedAt", "dueOn", "overdue", "answeredLate", "decidedAt", "outcome", "reason",
                "conditions", "daysLate", "daysToAnswer", "meetingId", "withdrawnAt", "supports", "timeline");
        assertThat(tree.get("wardNameJa").asText()).isEqualTo("幸区");
        assertThat(tree.get("fiscalYearLabel").asText()).isEqualTo("令和7年度");
    }

    @Test
    void publicTimelineAsJsonShowsRolesNeverStaffIdsAndLeavesOutWhatDoesNotApply() throws Exception {
        answer();

        String body = JSON.writeValueAsString(views.publicView(stored()));

        assertThat(body).doesNotContain(ProposalStory.CLERK.staffId()).doesNotContain(ProposalStory.HEAD.staffId())
                .doesNotContain(NAME).doesNotContain(CONTACT).doesNotContain(story.proposer.subjectId());
        JsonNode tree = JSON.readTree(body);
        assertThat(tree.get("timeline")).isEqualTo(JSON.readTree("""
                [{"seq":0,"kind":"SUBMITTED","at":"2025-06-15T01:30:00Z","role":"PROPOSER"},
                 {"seq":1,"kind":"ACKNOWLEDGED","at":"2025-06-16T00:00:00Z","dueOn":"2025-07-15",
                  "department":"地域振興課","role":"STAFF"},
                 {"seq":2,"kind":"REFERRED","at":"2025-07-05T05:00:00Z","reason":"区民会議で審議します。",
                  "outcome":"REFERRED","meetingId":"meet-2025-07","role":"WARD_HEAD"},
                 {"seq":3,"kind":"ACCEPTED","at":"2025-07-14T15:30:00Z","reason":"安全が確認できたため。",
                  "outcome":"ACCEPTED","conditions":"既存予算の範囲内で。","role":"WARD_HEAD"}]"""));
        assertThat(tree.get("dueOn").asText()).isEqualTo("2025-07-15");
        assertThat(tree.get("daysToAnswer").asInt()).isEqualTo(30);
    }

    @Test
    void staffViewOpensTheProposer() {
        ProposalStaffView view = views.staffView(stored(), SAIWAI_STAFF);

        assertThat(view.proposal()).isEqualTo(views.publicView(stored()));
        assertThat(view.proposer()).isEqualTo(new ProposerView(story.proposer.subjectId(), NAME, CONTACT, false));
    }

    @Test
    void staffOfAnotherWardAndAnalystsDoNotSeeTheProposer() {
        for (kyodo.query.listing.Viewer outside : List.of(
                kyodo.query.listing.Viewer.of(new kyodo.kernel.access.Actor("s-2", kyodo.kernel.access.Role.STAFF,
                        Ward.NAKAHARA)),
                kyodo.query.listing.Viewer.of(new kyodo.kernel.access.Actor("n-1", kyodo.kernel.access.Role.ANALYST,
                        null)),
                kyodo.query.listing.Viewer.of(null))) {
            ProposalStaffView view = views.staffView(stored(), outside);
            assertThat(view.proposer()).isEqualTo(new ProposerView(story.proposer.subjectId(),
                    kyodo.query.listing.Viewer.WITHHELD_PLACEHOLDER, kyodo.query.listing.Viewer.WITHHELD_PLACEHOLDER, false));
            assertThat(view.toString() + view.proposer().name()).doesNotContain(NAME).doesNotContain(CONTACT);
        }
        ProposalStaffView cityWide = views.staffView(stored(), kyodo.query.listing.Viewer.of(
                new kyodo.kernel.access.Actor("a-1", kyodo.kernel.access.Role.ADMIN, null)));
        assertThat(cityWide.proposer().name()).isEqualTo(NAME);
    }

    @Test
    void staffViewShowsThePlaceholderOnceTheProposerWasErased() {
        stores.vault.destroy(story.proposer.subjectId(), Instant.parse("2025-07-01T00:00:00Z"));

        ProposalStaffView view = views.staffView(stored(), SAIWAI_STAFF);

        assertThat(view.proposer()).isEqualTo(new ProposerView(story.proposer.subjectId(),
                PersonalDataProtector.ERASED_PLACEHOLDER, PersonalDataProtector.ERASED_PLACEHOLDER, true));
        assertThat(view.proposal()).isEqualTo(views.publicView(stored()));
    }

    @Test
    void erasureReachesTheStaffViewWithoutTouchingTheReadModel() {
        String before = stored().toJson();

        stores.vault.destroy(story.proposer.subjectId(), Instant.parse("2025-07-01T00:00:00Z"));

        assertThat(stored().toJson()).isEqualTo(before);
        assertThat(views.staffView(stored(), SAIWAI_STAFF).proposer().erased()).isTrue();
    }

    @Test
    void staffViewAsJsonUnwrapsTheProposalNextToTheProposer() throws Exception {
        answer();
        JsonNode tree = JSON.readTree(JSON.writeValueAsString(views.staffView(stored(), SAIWAI_STAFF)));

        assertThat(fieldNames(tree)).containsExactly("id", "version", "ward", "wardNameJa", "wardNameEn", "title",
                "body", "themes", "programme", "channel", "status", "submittedAt", "fiscalYear", "fiscalYearLabel",
                "department", "acknowledgedAt", "dueOn", "overdue", "answeredLate", "decidedAt", "outcome", "reason",
                "conditions", "daysLate", "daysToAnswer", "meetingId", "withdrawnAt", "supports", "timeline", "proposer");
        assertThat(tree.get("id").asText()).isEqualTo("prop-1");
        assertThat(tree.get("title").asText()).isEqualTo("公園にベンチを");
        assertThat(tree.get("wardNameJa").asText()).isEqualTo("幸区");
        assertThat(tree.get("outcome").asText()).isEqualTo("ACCEPTED");
        assertThat(tree.get("timeline")).hasSize(4);
        JsonNode proposer = tree.get("proposer");
        assertThat(fieldNames(proposer)).containsExactly("subjectId", "name", "contact", "erased");
        assertThat(proposer.get("subjectId").asText()).isEqualTo(story.proposer.subjectId());
        assertThat(proposer.get("name").asText()).isEqualTo(NAME);
        assertThat(proposer.get("contact").asText()).isEqualTo(CONTACT);
        assertThat(proposer.get("erased").asBoolean()).isFalse();
    }

    @Test
    void proposerViewNeverPrintsThePersonalData() {
        String printed = views.staffView(stored(), SAIWAI_STAFF).toString();

        assertThat(printed).doesNotContain(NAME).doesNotContain(CONTACT).contains(story.proposer.subjectId());
    }

    /**
     * Five proposals to list. Newest first: p4 (FY2026), p3, p2, p1 (FY2025), p5 (FY2024).
     * Due dates: p1 2025-06-10 (overdue), p2 2025-07-15 (answered), p4 2026-05-05; p3 and p5 none.
     */
    @Nested
    class Lists {

        @BeforeEach
        void fiveProposals() {
            MongoDatabase database = stores.freshDatabase();
            handler = new AnnotationEventHandlerAdapter(new ProposalProjection(MongoReadStore.of(database)));
            views = new ProposalViews(MongoReadStore.of(database), stores.protector);
            apply(submit("p1", Ward.SAIWAI, "駅前の駐輪場を増やしてほしい", "朝は満車です。", List.of("交通"),
                    ProposalProgramme.CITIZEN_PROPOSAL, "2025-05-10T01:00:00Z")
                    .acknowledged("交通政策課", LocalDate.parse("2025-06-10"), Instant.parse("2025-05-11T01:00:00Z"))
                    .overdue(LocalDate.parse("2025-06-10"), Instant.parse("2025-06-10T15:00:00Z")));
            apply(submit("p2", Ward.SAIWAI, "公園のベンチを直してほしい", "座面が割れています。", List.of("公園"),
                    ProposalProgramme.SUGGESTION_BOX, "2025-06-15T01:30:00Z")
                    .acknowledged("地域振興課", LocalDate.parse("2025-07-15"), ACKNOWLEDGED_AT)
                    .accepted("安全のため直します。", null, 0, ANSWERED_AT));
            apply(submit("p3", Ward.TAMA, "図書館の開館時間を延ばしてほしい", "夜九時まで開けてください。",
                    List.of("教育"), ProposalProgramme.MACHI_NO_HIROBA, "2026-01-20T03:00:00Z"));
            apply(submit("p4", Ward.NAKAHARA, "防災訓練を土曜日に", "平日は参加できません。", List.of("防災"),
                    ProposalProgramme.CITIZEN_PROPOSAL, "2026-04-05T02:00:00Z")
                    .acknowledged("危機管理課", LocalDate.parse("2026-05-05"), Instant.parse("2026-04-06T02:00:00Z")));
            apply(submit("p5", Ward.SAIWAI, "ＬＥＤ街灯を増やしてほしい", "夜道が暗いです。", List.of("交通", "防犯"),
                    ProposalProgramme.OTHER, "2024-11-01T05:00:00Z")
                    .withdrawn("自治会で設置しました。", Instant.parse("2024-12-01T05:00:00Z")));
        }

        @Test
        void withoutParametersListsEveryProposalNewestFirst() {
            ProposalPage page = list(Map.of());

            assertThat(ids(page)).containsExactly("p4", "p3", "p2", "p1", "p5");
            assertThat(page.page()).isZero();
            assertThat(page.size()).isEqualTo(20);
            assertThat(page.total()).isEqualTo(5L);
        }

        @Test
        void aListItemCarriesTheSummaryFields() {
            ProposalPage page = list(Map.of("ward", "saiwai", "status", "ACCEPTED"));

            assertThat(page.items()).containsExactly(new ProposalListItem("p2", 2L, "saiwai", "幸区", "Saiwai Ward",
                    "公園のベンチを直してほしい", List.of("公園"), "SUGGESTION_BOX", "COUNTER", "ACCEPTED",
                    Instant.parse("2025-06-15T01:30:00Z"), 2025, "令和7年度", "地域振興課",
                    LocalDate.parse("2025-07-15"), false, ANSWERED_AT, "ACCEPTED", 30, 0));
        }

        @Test
        void listItemsAsJsonCarryNeitherProposerNorBodyNorTimeline() throws Exception {
            String body = JSON.writeValueAsString(list(Map.of()));

            JsonNode tree = JSON.readTree(body);
            assertThat(fieldNames(tree)).containsExactly("items", "page", "size", "total");
            assertThat(fieldNames(tree.get("items").get(0))).containsExactly("id", "version", "ward", "wardNameJa",
                    "wardNameEn", "title", "themes", "programme", "channel", "status", "submittedAt", "fiscalYear",
                    "fiscalYearLabel", "department", "dueOn", "overdue", "decidedAt", "outcome", "daysToAnswer", "supports");
            assertThat(body).doesNotContain(NAME).doesNotContain(CONTACT).doesNotContain("subj-")
                    .doesNotContain(ProposalStory.CLERK.staffId()).doesNotContain("朝は満車です");
        }

        @Test
        void filtersByWard() {
            assertThat(ids(list(Map.of("ward", "saiwai")))).containsExactly("p2", "p1", "p5");
        }

        @Test
        void filtersByStatus() {
            assertThat(ids(list(Map.of("status", "ACKNOWLEDGED")))).containsExactly("p4", "p1");
            assertThat(ids(list(Map.of("status", "withdrawn")))).containsExactly("p5");
        }

        @Test
        void filtersByTheme() {
            assertThat(ids(list(Map.of("theme", "交通")))).containsExactly("p1", "p5");
        }

        @Test
        void filtersByProgramme() {
            assertThat(ids(list(Map.of("programme", "CITIZEN_PROPOSAL")))).containsExactly("p4", "p1");
        }

        @Test
        void filtersByFiscalYearOfSubmission() {
            assertThat(ids(list(Map.of("fiscalYear", "2025")))).containsExactly("p3", "p2", "p1");
            assertThat(ids(list(Map.of("fiscalYear", "2026")))).containsExactly("p4");
            assertThat(ids(list(Map.of("fiscalYear", "2023")))).isEmpty();
        }

        @Test
        void filtersOverdueAndNotOverdue() {
            assertThat(ids(list(Map.of("overdue", "true")))).containsExactly("p1");
            assertThat(ids(list(Map.of("overdue", "false")))).containsExactly("p4", "p3", "p2", "p5");
        }

        @Test
        void combinedFiltersMustAllHold() {
            ProposalPage page = list(Map.of("ward", "saiwai", "theme", "交通", "fiscalYear", "2025"));

            assertThat(ids(page)).containsExactly("p1");
            assertThat(page.total()).isEqualTo(1L);
        }

        @Test
        void pagesThroughTheMatchesCountingThemAll() {
            assertThat(ids(list(Map.of("size", "2")))).containsExactly("p4", "p3");
            assertThat(ids(list(Map.of("size", "2", "page", "1")))).containsExactly("p2", "p1");
            ProposalPage last = list(Map.of("size", "2", "page", "2"));
            assertThat(ids(last)).containsExactly("p5");
            assertThat(last.page()).isEqualTo(2);
            assertThat(last.size()).isEqualTo(2);
            assertThat(last.total()).isEqualTo(5L);
            ProposalPage beyond = list(Map.of("size", "2", "page", "3"));
            assertThat(beyond.items()).isEmpty();
            assertThat(beyond.total()).isEqualTo(5L);
        }

        @Test
        void sortsBySubmissionBothWays() {
            assertThat(ids(list(Map.of("sort", "submittedAt")))).containsExactly("p5", "p1", "p2", "p3", "p4");
            assertThat(ids(list(Map.of("sort", "-submittedAt")))).containsExactly("p4", "p3", "p2", "p1", "p5");
        }

        @Test
        void sortsByDueDateBothWaysWithUndatedProposalsFirstAscendingAndLastDescending() {
            // equal due dates (none) fall back to the id, in the direction of the sort
            assertThat(ids(list(Map.of("sort", "dueOn")))).containsExactly("p3", "p5", "p1", "p2", "p4");
            assertThat(ids(list(Map.of("sort", "-dueOn")))).containsExactly("p4", "p2", "p1", "p5", "p3");
        }

        @Test
        void textSearchFindsJapaneseWordsInsideTitles() {
            assertThat(ids(list(Map.of("q", "駐輪")))).containsExactly("p1");
            assertThat(ids(list(Map.of("q", "ほしい")))).containsExactly("p3", "p2", "p1", "p5");
        }

        @Test
        void textSearchRequiresEveryWord() {
            assertThat(ids(list(Map.of("q", "駐輪場 公園")))).isEmpty();
            assertThat(ids(list(Map.of("q", "駐輪場　満車")))).containsExactly("p1");
            assertThat(ids(list(Map.of("q", "ベンチ 直して")))).containsExactly("p2");
        }

        @Test
        void textSearchOfOneCharacterFindsThatCharacterAnywhere() {
            assertThat(ids(list(Map.of("q", "駐")))).containsExactly("p1");
            assertThat(ids(list(Map.of("q", "夜")))).containsExactly("p3", "p5");
        }

        @Test
        void textSearchIgnoresWidthAndCase() {
            assertThat(ids(list(Map.of("q", "led")))).containsExactly("p5");
            assertThat(ids(list(Map.of("q", "ＬＥＤ街灯")))).containsExactly("p5");
        }

        @Test
        void textSearchCombinesWithFiltersAndPaging() {
            ProposalPage page = list(Map.of("q", "ほしい", "ward", "saiwai", "size", "1", "page", "1"));

            assertThat(ids(page)).containsExactly("p1");
            assertThat(page.total()).isEqualTo(3L);
        }

        @Test
        void aQueryWithoutLettersOrDigitsFiltersNothing() {
            assertThat(ids(list(Map.of("q", "！？")))).containsExactly("p4", "p3", "p2", "p1", "p5");
        }

        @Test
        void aRevisedTitleIsFoundByItsNewWordsOnly() {
            apply(ProposalStory.submitted(stores.protector, "p6", Ward.ASAO, "古い題名", "本文です。",
                            List.of("その他"), ProposalProgramme.OTHER, Instant.parse("2025-08-01T00:00:00Z"))
                    .acknowledged("区政推進課", LocalDate.parse("2025-09-01"), Instant.parse("2025-08-02T00:00:00Z"))
                    .revisionRequested("題名を具体的に。", Instant.parse("2025-08-03T00:00:00Z"))
                    .revised("新しい題名", null, Instant.parse("2025-08-04T00:00:00Z")));

            assertThat(ids(list(Map.of("q", "新しい")))).containsExactly("p6");
            assertThat(ids(list(Map.of("q", "古い")))).isEmpty();
            assertThat(ids(list(Map.of("q", "本文")))).containsExactly("p6");
        }

        private ProposalStory submit(String id, Ward ward, String title, String body, List<String> themes,
                                     ProposalProgramme programme, String at) {
            return ProposalStory.submitted(stores.protector, id, ward, title, body, themes, programme,
                    Instant.parse(at));
        }

        private ProposalPage list(Map<String, String> params) {
            Map<String, List<String>> raw = new LinkedHashMap<>();
            params.forEach((name, value) -> raw.put(name, List.of(value)));
            return views.list(ProposalListQuery.parse(raw));
        }

        private List<String> ids(ProposalPage page) {
            return page.items().stream().map(ProposalListItem::id).toList();
        }
    }

    /** Acknowledged, referred to a meeting and accepted on the due day: versions 1..3. */
    private void answer() {
        ProposalStory answered = story.acknowledged("地域振興課", LocalDate.parse("2025-07-15"), ACKNOWLEDGED_AT)
                .referred("meet-2025-07", "区民会議で審議します。", REFERRED_AT)
                .accepted("安全が確認できたため。", "既存予算の範囲内で。", 0, ANSWERED_AT);
        apply(answered);
    }

    /** Applies the story's events; those already applied change nothing. */
    private void apply(ProposalStory events) {
        for (EventMessage<?> message : events.messages()) {
            try {
                handler.handle(message);
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }
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
