package kyodo.command.proposal;

import kyodo.kernel.meeting.MeetingDirectory;

import kyodo.kernel.StaffRef;
import kyodo.kernel.Ward;
import kyodo.kernel.decision.Decision;
import kyodo.kernel.decision.DecisionBasis;
import kyodo.kernel.decision.DecisionKind;
import kyodo.kernel.decision.DecisionOutcome;
import kyodo.kernel.decision.SubjectType;
import kyodo.kernel.personal.SealedPersonalData;
import kyodo.kernel.problem.KyodoProblemException;
import kyodo.kernel.proposal.ProposalAccepted;
import kyodo.kernel.proposal.ProposalAcknowledged;
import kyodo.kernel.proposal.ProposalChannel;
import kyodo.kernel.proposal.ProposalProgramme;
import kyodo.kernel.proposal.ProposalProgressUpdated;
import kyodo.kernel.proposal.ProposalReferredToMeeting;
import kyodo.kernel.proposal.ProposalRejected;
import kyodo.kernel.proposal.ProposalResponseOverdue;
import kyodo.kernel.proposal.ProposalRevised;
import kyodo.kernel.proposal.ProposalRevisionRequested;
import kyodo.kernel.proposal.ProposalStatus;
import kyodo.kernel.proposal.ProposalSubmitted;
import kyodo.kernel.proposal.ProposalWithdrawn;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.hamcrest.Matcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Every transition of a proposal and every refusal, one behaviour per test. */
class ProposalLifecycleTest {

    private static final String ID = "p-1";
    private static final StaffRef CLERK = new StaffRef("s-100", "STAFF");
    /** 2025-06-02 10:30 in Tokyo. */
    private static final Instant SUBMITTED_AT = Instant.parse("2025-06-02T01:30:00Z");
    /** 2025-06-03 09:00 in Tokyo. */
    private static final Instant ACK_AT = Instant.parse("2025-06-03T00:00:00Z");
    private static final LocalDate DUE = LocalDate.parse("2025-07-03");
    private static final Instant LATER = Instant.parse("2025-06-20T05:00:00Z");
    private static final SealedPersonalData SEALED =
            new SealedPersonalData("subject-1", SealedPersonalData.AES_256_GCM, "bm9uY2U=", "Y2lwaGVy");

    private FixtureConfiguration<Proposal> fixture;
    private final Set<String> meetings = new java.util.HashSet<>();

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Proposal.class);
        fixture.registerInjectableResource(new ResponseDuePolicy(30, Map.of(ProposalProgramme.SUGGESTION_BOX, 14)));
        fixture.registerInjectableResource((MeetingDirectory) id -> meetings.contains(id)
                ? Optional.of(id.startsWith("city-") ? MeetingDirectory.Reach.CITY
                : new MeetingDirectory.Reach(id.startsWith("tama-") ? Ward.TAMA : Ward.SAIWAI, null))
                : Optional.empty());
    }

    private static ProposalSubmitted submitted(ProposalProgramme programme) {
        return new ProposalSubmitted(ID, Ward.SAIWAI, "駅前の駐輪場", "足りません", List.of("交通"), programme,
                ProposalChannel.COUNTER, SEALED, SUBMITTED_AT);
    }

    private static ProposalSubmitted submitted() {
        return submitted(ProposalProgramme.CITIZEN_PROPOSAL);
    }

    private static ProposalAcknowledged acknowledged() {
        return new ProposalAcknowledged(ID, "地域振興課", DUE, ACK_AT, CLERK);
    }

    private static Decision decision(String decisionId, DecisionKind kind, DecisionOutcome outcome, String reason,
                                     Instant at, DecisionBasis basis) {
        return new Decision(decisionId, SubjectType.PROPOSAL, ID, Ward.SAIWAI, kind, outcome, reason, CLERK, at, basis);
    }

    private static ProposalRevisionRequested revisionRequested() {
        return new ProposalRevisionRequested(ID, decision("d-rev", DecisionKind.REVISION_REQUEST,
                DecisionOutcome.REVISION_REQUESTED, "場所を具体的に", LATER, null));
    }

    private static ProposalAccepted accepted() {
        return new ProposalAccepted(ID, null, 0, decision("d-ans", DecisionKind.PROPOSAL_ANSWER,
                DecisionOutcome.ACCEPTED, "来年度に整備します", LATER, null));
    }

    private static DecideProposal decide(DecisionOutcome outcome, String reason, String conditions, Instant at) {
        return new DecideProposal(ID, null, "d-ans", outcome, reason, conditions, null, at, CLERK);
    }

    private static Matcher<Throwable> refused(String slug) {
        return org.axonframework.test.matchers.Matchers.predicate(e ->
                e instanceof KyodoProblemException problem && problem.type().slug().equals(slug));
    }

    // acknowledgement and the response clock

    @Test
    void acknowledgingStartsTheClockWithTheProgrammeDefault() {
        fixture.given(submitted())
                .when(new AcknowledgeProposal(ID, null, "地域振興課", null, ACK_AT, CLERK))
                .expectEvents(acknowledged())
                .expectResultMessagePayload(1L)
                .expectScheduledDeadlineWithName(Instant.parse("2025-07-03T15:00:00Z"), Proposal.RESPONSE_DUE)
                .expectState(p -> assertThat(p.dueOn()).isEqualTo(DUE));
    }

    @Test
    void aProgrammeCanHaveItsOwnDefaultDueDays() {
        fixture.given(submitted(ProposalProgramme.SUGGESTION_BOX))
                .when(new AcknowledgeProposal(ID, null, "区政推進課", null, ACK_AT, CLERK))
                .expectEvents(new ProposalAcknowledged(ID, "区政推進課", LocalDate.parse("2025-06-17"), ACK_AT, CLERK));
    }

    @Test
    void staffCanSetTheDueDaysThemselves() {
        fixture.given(submitted())
                .when(new AcknowledgeProposal(ID, null, "地域振興課", 7, ACK_AT, CLERK))
                .expectEvents(new ProposalAcknowledged(ID, "地域振興課", LocalDate.parse("2025-06-10"), ACK_AT, CLERK));
    }

    @Test
    void staffOfAnotherWardCannotActOnTheProposal() {
        fixture.given(submitted())
                .when(new AcknowledgeProposal(ID, null, "地域振興課", null, ACK_AT, CLERK),
                        Map.of(kyodo.command.access.ActorMetadata.ROLE, "STAFF",
                                kyodo.command.access.ActorMetadata.WARD_SCOPE, "nakahara"))
                .expectNoEvents()
                .expectException(refused("forbidden"));
    }

    @Test
    void staffOfTheProposalsWardOrCityWideCanAct() {
        fixture.given(submitted())
                .when(new AcknowledgeProposal(ID, null, "地域振興課", null, ACK_AT, CLERK),
                        Map.of(kyodo.command.access.ActorMetadata.ROLE, "STAFF",
                                kyodo.command.access.ActorMetadata.WARD_SCOPE, "saiwai"))
                .expectEvents(acknowledged());
        fixture.given(submitted())
                .when(new AcknowledgeProposal(ID, null, "地域振興課", null, ACK_AT, CLERK),
                        Map.of(kyodo.command.access.ActorMetadata.ROLE, "ADMIN",
                                kyodo.command.access.ActorMetadata.WARD_SCOPE, "*"))
                .expectEvents(acknowledged());
    }

    @Test
    void cannotAcknowledgeTwice() {
        fixture.given(submitted(), acknowledged())
                .when(new AcknowledgeProposal(ID, null, "地域振興課", null, LATER, CLERK))
                .expectNoEvents()
                .expectException(refused("proposal-already-acknowledged"));
    }

    @Test
    void anUnansweredProposalBecomesOverdueWhenItsDeadlinePasses() {
        Instant endOfDueDay = Instant.parse("2025-07-03T15:00:00Z");
        fixture.givenCurrentTime(ACK_AT)
                .andGiven(submitted())
                .andGivenCommands(new AcknowledgeProposal(ID, null, "地域振興課", null, ACK_AT, CLERK))
                .whenTimeAdvancesTo(endOfDueDay.plusSeconds(1))
                .expectTriggeredDeadlinesWithName(Proposal.RESPONSE_DUE)
                .expectEvents(new ProposalResponseOverdue(ID, DUE, endOfDueDay));
    }

    @Test
    void anAnsweredProposalDoesNotBecomeOverdue() {
        fixture.givenCurrentTime(ACK_AT)
                .andGiven(submitted())
                .andGivenCommands(new AcknowledgeProposal(ID, null, "地域振興課", null, ACK_AT, CLERK),
                        decide(DecisionOutcome.ACCEPTED, "整備します", null, LATER))
                .whenTimeAdvancesTo(Instant.parse("2025-08-01T00:00:00Z"))
                .expectNoScheduledDeadlines()
                .expectEvents();
    }

    @Test
    void aLateAnswerRecordsHowLateItWas() {
        Instant fiveDaysLate = Instant.parse("2025-07-08T03:00:00Z");
        fixture.given(submitted(), acknowledged(), new ProposalResponseOverdue(ID, DUE, Instant.parse("2025-07-03T15:00:00Z")))
                .when(decide(DecisionOutcome.REJECTED, "予算がありません", null, fiveDaysLate))
                .expectEvents(new ProposalRejected(ID, 5, decision("d-ans", DecisionKind.PROPOSAL_ANSWER,
                        DecisionOutcome.REJECTED, "予算がありません", fiveDaysLate, null)));
    }

    // decisions

    @Test
    void canAcceptAnAcknowledgedProposalWithConditions() {
        fixture.given(submitted(), acknowledged())
                .when(decide(DecisionOutcome.ACCEPTED, " 来年度に整備します ", "地元町内会と協議のうえ", LATER))
                .expectEvents(new ProposalAccepted(ID, "地元町内会と協議のうえ", 0, decision("d-ans",
                        DecisionKind.PROPOSAL_ANSWER, DecisionOutcome.ACCEPTED, "来年度に整備します", LATER, null)))
                .expectResultMessagePayload(2L)
                .expectState(p -> assertThat(p.status()).isEqualTo(ProposalStatus.ACCEPTED));
    }

    @Test
    void cannotDecideBeforeAcknowledgement() {
        fixture.given(submitted())
                .when(decide(DecisionOutcome.ACCEPTED, "よい提案です", null, LATER))
                .expectNoEvents()
                .expectException(refused("proposal-not-acknowledged"));
    }

    @Test
    void cannotDecideTwice() {
        fixture.given(submitted(), acknowledged(), accepted())
                .when(new DecideProposal(ID, null, "d-second", DecisionOutcome.REJECTED, "やはり無理です", null, null, LATER,
                        CLERK))
                .expectNoEvents()
                .expectException(refused("proposal-already-decided"));
    }

    @Test
    void cannotRejectWithoutReason() {
        fixture.given(submitted(), acknowledged())
                .when(decide(DecisionOutcome.REJECTED, "  ", null, LATER))
                .expectNoEvents()
                .expectException(refused("invalid-input"));
    }

    @Test
    void cannotAttachConditionsToARejection() {
        fixture.given(submitted(), acknowledged())
                .when(decide(DecisionOutcome.REJECTED, "予算がありません", "条件", LATER))
                .expectNoEvents()
                .expectException(refused("invalid-input"));
    }

    @Test
    void aDecisionCarriesItsBasis() {
        DecisionBasis basis = DecisionBasis.meetingResolution("r-7");
        fixture.given(submitted(), acknowledged(), new ProposalReferredToMeeting(ID, "m-1", decision("d-ref",
                        DecisionKind.REFERRAL, DecisionOutcome.REFERRED, null, LATER, null)))
                .when(new DecideProposal(ID, null, "d-ans", DecisionOutcome.ACCEPTED, "区民会議の決議による", null, basis,
                        LATER, CLERK))
                .expectEvents(new ProposalAccepted(ID, null, 0, decision("d-ans", DecisionKind.PROPOSAL_ANSWER,
                        DecisionOutcome.ACCEPTED, "区民会議の決議による", LATER, basis)));
    }

    @Test
    void theSameDecisionAgainIsAcceptedAndRecordsNothingNew() {
        fixture.given(submitted(), acknowledged(), accepted())
                .when(decide(DecisionOutcome.ACCEPTED, "来年度に整備します", null, LATER))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents()
                .expectResultMessagePayload(2L);
    }

    @Test
    void aResolutionDecidesOnlyAReferredProposal() {
        fixture.given(submitted(), acknowledged())
                .when(new DecideProposal(ID, null, "resolution-r-1", DecisionOutcome.ACCEPTED, "決議による", null,
                        DecisionBasis.meetingResolution("r-1"), LATER, CLERK))
                .expectNoEvents()
                .expectException(refused("proposal-not-referred"));
    }

    // revisions

    @Test
    void canRequestARevisionOfAnAcknowledgedProposal() {
        fixture.given(submitted(), acknowledged())
                .when(new RequestRevision(ID, null, "d-rev", "場所を具体的に", LATER, CLERK))
                .expectEvents(revisionRequested())
                .expectState(p -> assertThat(p.status()).isEqualTo(ProposalStatus.REVISION_REQUESTED));
    }

    @Test
    void cannotRequestARevisionBeforeAcknowledgement() {
        fixture.given(submitted())
                .when(new RequestRevision(ID, null, "d-rev", "場所を具体的に", LATER, CLERK))
                .expectException(refused("proposal-not-acknowledged"));
    }

    @Test
    void cannotRequestASecondRevisionWhileOneIsAwaited() {
        fixture.given(submitted(), acknowledged(), revisionRequested())
                .when(new RequestRevision(ID, null, "d-rev2", "もう一度", LATER, CLERK))
                .expectException(refused("proposal-revision-already-requested"));
    }

    @Test
    void aRevisionPutsTheProposalBackUnderReview() {
        fixture.given(submitted(), acknowledged(), revisionRequested())
                .when(new ReviseProposal(ID, null, null, "駅北口の駐輪場", LATER, CLERK))
                .expectEvents(new ProposalRevised(ID, null, "駅北口の駐輪場", LATER, CLERK))
                .expectState(p -> assertThat(p.status()).isEqualTo(ProposalStatus.ACKNOWLEDGED));
    }

    @Test
    void cannotReviseWhenNoRevisionWasRequested() {
        fixture.given(submitted(), acknowledged())
                .when(new ReviseProposal(ID, null, "新しい題", null, LATER, CLERK))
                .expectNoEvents()
                .expectException(refused("proposal-revision-not-requested"));
    }

    @Test
    void cannotReviseADecidedProposal() {
        fixture.given(submitted(), acknowledged(), accepted())
                .when(new ReviseProposal(ID, null, "新しい題", null, LATER, CLERK))
                .expectException(refused("proposal-already-decided"));
    }

    @Test
    void aRevisionMustChangeSomething() {
        fixture.given(submitted(), acknowledged(), revisionRequested())
                .when(new ReviseProposal(ID, null, null, null, LATER, CLERK))
                .expectException(refused("invalid-input"));
    }

    @Test
    void aProposalCanBeAnsweredWhileARevisionIsAwaited() {
        fixture.given(submitted(), acknowledged(), revisionRequested())
                .when(decide(DecisionOutcome.REJECTED, "回答がありませんでした", null, LATER))
                .expectSuccessfulHandlerExecution();
    }

    // referrals

    @Test
    void canReferToAMeetingThatExists() {
        meetings.add("m-1");
        fixture.given(submitted(), acknowledged())
                .when(new ReferProposal(ID, null, "d-ref", "m-1", "区民会議で審議", LATER, CLERK))
                .expectEvents(new ProposalReferredToMeeting(ID, "m-1", decision("d-ref", DecisionKind.REFERRAL,
                        DecisionOutcome.REFERRED, "区民会議で審議", LATER, null)))
                .expectState(p -> assertThat(p.status()).isEqualTo(ProposalStatus.REFERRED_TO_MEETING));
    }

    @Test
    void cannotReferToAMeetingThatDoesNotExist() {
        fixture.given(submitted(), acknowledged())
                .when(new ReferProposal(ID, null, "d-ref", "m-404", null, LATER, CLERK))
                .expectNoEvents()
                .expectException(refused("referral-meeting-unknown"));
    }

    @Test
    void canReferToACityWideMeeting() {
        meetings.add("city-1");
        fixture.given(submitted(), acknowledged())
                .when(new ReferProposal(ID, null, "d-ref", "city-1", null, LATER, CLERK))
                .expectSuccessfulHandlerExecution();
    }

    @Test
    void cannotReferToAnotherWardsMeetingWhoseResolutionWouldDecideIt() {
        meetings.add("tama-1");
        fixture.given(submitted(), acknowledged())
                .when(new ReferProposal(ID, null, "d-ref", "tama-1", null, LATER, CLERK))
                .expectNoEvents()
                .expectException(refused("referral-meeting-elsewhere"));
    }

    @Test
    void aDistrictMeetingServesTheWardsOfItsDistrictOnly() {
        assertThat(new MeetingDirectory.Reach(null, Ward.SAIWAI.district()).serves(Ward.SAIWAI)).isTrue();
        assertThat(new MeetingDirectory.Reach(null, Ward.SAIWAI.district()).serves(Ward.ASAO)).isFalse();
        assertThat(MeetingDirectory.Reach.CITY.serves(Ward.ASAO)).isTrue();
        assertThat(new MeetingDirectory.Reach(Ward.TAMA, null).serves(Ward.ASAO)).isFalse();
    }

    @Test
    void cannotReferTwice() {
        meetings.add("m-1");
        fixture.given(submitted(), acknowledged(), new ProposalReferredToMeeting(ID, "m-1", decision("d-ref",
                        DecisionKind.REFERRAL, DecisionOutcome.REFERRED, null, LATER, null)))
                .when(new ReferProposal(ID, null, "d-ref2", "m-1", null, LATER, CLERK))
                .expectException(refused("proposal-already-referred"));
    }

    @Test
    void cannotReferADecidedProposal() {
        meetings.add("m-1");
        fixture.given(submitted(), acknowledged(), accepted())
                .when(new ReferProposal(ID, null, "d-ref", "m-1", null, LATER, CLERK))
                .expectException(refused("proposal-already-decided"));
    }

    // progress and withdrawal

    @Test
    void progressCanBeSharedAlsoAfterTheAnswer() {
        fixture.given(submitted(), acknowledged(), accepted())
                .when(new PostProgressUpdate(ID, null, "工事を始めました", LATER, CLERK))
                .expectEvents(new ProposalProgressUpdated(ID, "工事を始めました", LATER, CLERK));
    }

    @Test
    void canWithdrawAnOpenProposal() {
        fixture.given(submitted(), acknowledged())
                .when(new WithdrawProposal(ID, null, "自治会で解決しました", LATER, CLERK))
                .expectEvents(new ProposalWithdrawn(ID, "自治会で解決しました", LATER, CLERK))
                .expectState(p -> assertThat(p.status()).isEqualTo(ProposalStatus.WITHDRAWN));
    }

    @Test
    void cannotWithdrawADecidedProposal() {
        fixture.given(submitted(), acknowledged(), accepted())
                .when(new WithdrawProposal(ID, null, "取り下げ", LATER, CLERK))
                .expectException(refused("proposal-already-decided"));
    }

    @Test
    void aWithdrawnProposalTakesNoFurtherCommands() {
        ProposalWithdrawn withdrawn = new ProposalWithdrawn(ID, "解決", LATER, CLERK);
        for (Object command : List.of(
                new AcknowledgeProposal(ID, null, "課", null, LATER, CLERK),
                new PostProgressUpdate(ID, null, "進捗", LATER, CLERK),
                new RequestRevision(ID, null, "d", "理由", LATER, CLERK),
                new ReviseProposal(ID, null, "題", null, LATER, CLERK),
                decide(DecisionOutcome.ACCEPTED, "理由", null, LATER),
                new WithdrawProposal(ID, null, "再度", LATER, CLERK))) {
            fixture.given(submitted(), withdrawn)
                    .when(command)
                    .expectNoEvents()
                    .expectException(refused("proposal-withdrawn"));
        }
    }

    @Test
    void aStaleExpectedVersionIsRefusedBeforeAnyRule() {
        fixture.given(submitted(), acknowledged())
                .when(new AcknowledgeProposal(ID, 0L, "地域振興課", null, LATER, CLERK))
                .expectNoEvents()
                .expectException(org.axonframework.modelling.command.ConflictingAggregateVersionException.class);
    }

    @Test
    void aStaleExpectedVersionIsRefused() {
        fixture.given(submitted(), acknowledged())
                .when(new PostProgressUpdate(ID, 0L, "進捗", LATER, CLERK))
                .expectException(org.axonframework.modelling.command.ConflictingAggregateVersionException.class);
    }
}
