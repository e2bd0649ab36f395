package kyodo.command.proposal;

import kyodo.kernel.StaffRef;
import kyodo.kernel.Ward;
import kyodo.kernel.decision.Decision;
import kyodo.kernel.decision.DecisionBasis;
import kyodo.kernel.decision.DecisionKind;
import kyodo.kernel.decision.DecisionOutcome;
import kyodo.kernel.decision.SubjectType;
import kyodo.kernel.meeting.MeetingDirectory;
import kyodo.kernel.personal.SealedPersonalData;
import kyodo.kernel.problem.KyodoProblemException;
import kyodo.kernel.proposal.ProposalAccepted;
import kyodo.kernel.proposal.ProposalAcknowledged;
import kyodo.kernel.proposal.ProposalChannel;
import kyodo.kernel.proposal.ProposalProgramme;
import kyodo.kernel.proposal.ProposalReferralWithdrawn;
import kyodo.kernel.proposal.ProposalReferredToMeeting;
import kyodo.kernel.proposal.ProposalRejected;
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

import static org.assertj.core.api.Assertions.assertThat;

/** The referral lock: once referred, only the meeting's resolution decides, unless the referral is withdrawn. */
class ReferralLockTest {

    private static final String ID = "p-1";
    private static final StaffRef CLERK = new StaffRef("s-100", "STAFF");
    private static final Instant SUBMITTED_AT = Instant.parse("2025-06-02T01:30:00Z");
    private static final Instant ACK_AT = Instant.parse("2025-06-03T00:00:00Z");
    private static final Instant REFERRED_AT = Instant.parse("2025-06-10T00:00:00Z");
    private static final Instant VOTED_AT = Instant.parse("2025-06-12T05:00:00Z");
    private static final Instant WITHDRAWN_AT = Instant.parse("2025-06-13T00:00:00Z");
    private static final Instant REREFERRED_AT = Instant.parse("2025-06-14T00:00:00Z");
    private static final Instant LATER = Instant.parse("2025-06-20T05:00:00Z");

    private FixtureConfiguration<Proposal> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Proposal.class);
        fixture.registerInjectableResource(new ResponseDuePolicy(30, Map.of()));
        fixture.registerInjectableResource((MeetingDirectory) id -> id.startsWith("m-")
                ? Optional.of(new MeetingDirectory.Reach(Ward.SAIWAI, null)) : Optional.empty());
    }

    private static Decision decision(String id, DecisionKind kind, DecisionOutcome outcome, String reason,
                                     Instant at, DecisionBasis basis) {
        return new Decision(id, SubjectType.PROPOSAL, ID, Ward.SAIWAI, kind, outcome, reason, CLERK, at, basis);
    }

    private static ProposalSubmitted submitted() {
        return new ProposalSubmitted(ID, Ward.SAIWAI, "駅前の駐輪場", "足りません", List.of("交通"),
                ProposalProgramme.CITIZEN_PROPOSAL, ProposalChannel.COUNTER,
                new SealedPersonalData("subject-1", SealedPersonalData.AES_256_GCM, "bm9uY2U=", "Y2lwaGVy"),
                SUBMITTED_AT);
    }

    private static ProposalAcknowledged acknowledged() {
        return new ProposalAcknowledged(ID, "地域振興課", LocalDate.parse("2025-07-03"), ACK_AT, CLERK);
    }

    private static ProposalReferredToMeeting referred(String meetingId, Instant at) {
        return new ProposalReferredToMeeting(ID, meetingId, decision("d-ref-" + at.getEpochSecond(),
                DecisionKind.REFERRAL, DecisionOutcome.REFERRED, "区民会議で審議", at, null));
    }

    private static ProposalReferralWithdrawn referralWithdrawn() {
        return new ProposalReferralWithdrawn(ID, "m-1", decision("d-wd", DecisionKind.REFERRAL_WITHDRAWAL,
                DecisionOutcome.WITHDRAWN, "会議の開催が延期されたため", WITHDRAWN_AT, null));
    }

    private static DecideProposal direct(DecisionOutcome outcome) {
        return new DecideProposal(ID, null, "d-ans", outcome, "区として判断します", null, null, LATER, CLERK);
    }

    private static DecideProposal byResolution(String resolutionId, Instant votedAt) {
        return new DecideProposal(ID, null, "resolution-" + resolutionId, DecisionOutcome.ACCEPTED, "決議による", null,
                DecisionBasis.meetingResolution(resolutionId), votedAt, CLERK);
    }

    private static Matcher<Throwable> refused(String slug) {
        return org.axonframework.test.matchers.Matchers.predicate(e ->
                e instanceof KyodoProblemException problem && problem.type().slug().equals(slug));
    }

    @Test
    void aReferredProposalCannotBeAnsweredDirectly() {
        fixture.given(submitted(), acknowledged(), referred("m-1", REFERRED_AT))
                .when(direct(DecisionOutcome.ACCEPTED))
                .expectNoEvents()
                .expectException(refused("proposal-decided-by-meeting"));
    }

    @Test
    void aReferredProposalTakesNoRevisionRequest() {
        fixture.given(submitted(), acknowledged(), referred("m-1", REFERRED_AT))
                .when(new RequestRevision(ID, null, "d-rev", "場所を具体的に", LATER, CLERK))
                .expectNoEvents()
                .expectException(refused("proposal-decided-by-meeting"));
    }

    @Test
    void theResolutionStillDecidesAReferredProposal() {
        fixture.given(submitted(), acknowledged(), referred("m-1", REFERRED_AT))
                .when(byResolution("r-1", VOTED_AT))
                .expectEvents(new ProposalAccepted(ID, null, 0, decision("resolution-r-1", DecisionKind.PROPOSAL_ANSWER,
                        DecisionOutcome.ACCEPTED, "決議による", VOTED_AT, DecisionBasis.meetingResolution("r-1"))));
    }

    @Test
    void withdrawingTheReferralIsADecisionWithItsReason() {
        fixture.given(submitted(), acknowledged(), referred("m-1", REFERRED_AT))
                .when(new WithdrawReferral(ID, null, "d-wd", "  会議の開催が延期されたため ", WITHDRAWN_AT, CLERK))
                .expectEvents(referralWithdrawn())
                .expectResultMessagePayload(3L)
                .expectState(p -> assertThat(p.status()).isEqualTo(ProposalStatus.ACKNOWLEDGED));
    }

    @Test
    void withdrawingTheReferralNeedsAReason() {
        fixture.given(submitted(), acknowledged(), referred("m-1", REFERRED_AT))
                .when(new WithdrawReferral(ID, null, "d-wd", " ", WITHDRAWN_AT, CLERK))
                .expectNoEvents()
                .expectException(refused("invalid-input"));
    }

    @Test
    void cannotWithdrawAReferralThatIsNotStanding() {
        fixture.given(submitted(), acknowledged())
                .when(new WithdrawReferral(ID, null, "d-wd", "理由", WITHDRAWN_AT, CLERK))
                .expectNoEvents()
                .expectException(refused("proposal-referral-not-standing"));
    }

    @Test
    void cannotWithdrawTheReferralTwice() {
        fixture.given(submitted(), acknowledged(), referred("m-1", REFERRED_AT), referralWithdrawn())
                .when(new WithdrawReferral(ID, null, "d-wd2", "理由", LATER, CLERK))
                .expectNoEvents()
                .expectException(refused("proposal-referral-not-standing"));
    }

    @Test
    void cannotWithdrawTheReferralOfAnAnsweredProposal() {
        fixture.given(submitted(), acknowledged(), referred("m-1", REFERRED_AT), new ProposalRejected(ID, 0,
                        decision("resolution-r-1", DecisionKind.PROPOSAL_ANSWER, DecisionOutcome.REJECTED, "否決",
                                VOTED_AT, DecisionBasis.meetingResolution("r-1"))))
                .when(new WithdrawReferral(ID, null, "d-wd", "理由", LATER, CLERK))
                .expectNoEvents()
                .expectException(refused("proposal-already-decided"));
    }

    @Test
    void cannotWithdrawTheReferralOfAWithdrawnProposal() {
        fixture.given(submitted(), acknowledged(), referred("m-1", REFERRED_AT),
                        new ProposalWithdrawn(ID, "解決しました", WITHDRAWN_AT, CLERK))
                .when(new WithdrawReferral(ID, null, "d-wd", "理由", LATER, CLERK))
                .expectNoEvents()
                .expectException(refused("proposal-withdrawn"));
    }

    @Test
    void afterTheWithdrawalStaffAnswerDirectly() {
        fixture.given(submitted(), acknowledged(), referred("m-1", REFERRED_AT), referralWithdrawn())
                .when(direct(DecisionOutcome.REJECTED))
                .expectEvents(new ProposalRejected(ID, 0, decision("d-ans", DecisionKind.PROPOSAL_ANSWER,
                        DecisionOutcome.REJECTED, "区として判断します", LATER, null)));
    }

    @Test
    void afterTheWithdrawalTheProposalCanBeReferredAgain() {
        fixture.given(submitted(), acknowledged(), referred("m-1", REFERRED_AT), referralWithdrawn())
                .when(new ReferProposal(ID, null, "d-ref-" + REREFERRED_AT.getEpochSecond(), "m-2", "区民会議で審議",
                        REREFERRED_AT, CLERK))
                .expectEvents(referred("m-2", REREFERRED_AT));
    }

    @Test
    void aResolutionNoLongerDecidesAfterTheWithdrawal() {
        fixture.given(submitted(), acknowledged(), referred("m-1", REFERRED_AT), referralWithdrawn())
                .when(byResolution("r-1", VOTED_AT))
                .expectNoEvents()
                .expectException(refused("proposal-not-referred"));
    }

    @Test
    void aResolutionVotedBeforeAWithdrawnReferralDoesNotDecideTheNextReferral() {
        fixture.given(submitted(), acknowledged(), referred("m-1", REFERRED_AT), referralWithdrawn(),
                        referred("m-1", REREFERRED_AT))
                .when(byResolution("r-1", VOTED_AT))
                .expectNoEvents()
                .expectException(refused("proposal-not-referred"));
    }
}
