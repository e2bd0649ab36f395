package kyodo.command.proposal;

import kyodo.command.proposal.support.SupportPolicy;
import kyodo.command.proposal.support.SupportProposal;
import kyodo.command.proposal.support.WithdrawSupport;
import kyodo.kernel.StaffRef;
import kyodo.kernel.Ward;
import kyodo.kernel.decision.Decision;
import kyodo.kernel.decision.DecisionKind;
import kyodo.kernel.decision.DecisionOutcome;
import kyodo.kernel.decision.SubjectType;
import kyodo.kernel.personal.SealedPersonalData;
import kyodo.kernel.problem.KyodoProblemException;
import kyodo.kernel.proposal.ProposalAccepted;
import kyodo.kernel.proposal.ProposalAcknowledged;
import kyodo.kernel.proposal.ProposalChannel;
import kyodo.kernel.proposal.ProposalProgramme;
import kyodo.kernel.proposal.ProposalResponseOverdue;
import kyodo.kernel.proposal.ProposalSubmitted;
import kyodo.kernel.proposal.ProposalSupportThresholdReached;
import kyodo.kernel.proposal.ProposalSupportWithdrawn;
import kyodo.kernel.proposal.ProposalSupported;
import kyodo.kernel.proposal.ProposalWithdrawn;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.hamcrest.Matcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Residents' supports of a proposal: once each, from the allowed wards, while open; the threshold's deadline. */
class ProposalSupportTest {

    private static final String ID = "p-1";
    private static final StaffRef RESIDENT = new StaffRef("resident", "RESIDENT");
    private static final StaffRef CLERK = new StaffRef("s-100", "STAFF");
    /** 2025-06-02 10:30 in Tokyo. */
    private static final Instant SUBMITTED_AT = Instant.parse("2025-06-02T01:30:00Z");
    /** 2025-06-03 09:00 in Tokyo. */
    private static final Instant ACK_AT = Instant.parse("2025-06-03T00:00:00Z");
    /** 2025-06-10 14:00 in Tokyo. */
    private static final Instant SUPPORTED_AT = Instant.parse("2025-06-10T05:00:00Z");
    private static final SealedPersonalData SEALED =
            new SealedPersonalData("subject-1", SealedPersonalData.AES_256_GCM, "bm9uY2U=", "Y2lwaGVy");

    private FixtureConfiguration<Proposal> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Proposal.class);
        fixture.registerInjectableResource(new ResponseDuePolicy(30, Map.of()));
        // a threshold of 2 for the suggestion box, 3 elsewhere; the answer due 14 days after
        fixture.registerInjectableResource(new SupportPolicy(3, Map.of(ProposalProgramme.SUGGESTION_BOX, 2), 14));
    }

    private static ProposalSubmitted submitted(ProposalProgramme programme) {
        return new ProposalSubmitted(ID, Ward.SAIWAI, "駅前の駐輪場", "足りません", List.of("交通"), programme,
                ProposalChannel.WEB, SEALED, SUBMITTED_AT);
    }

    private static ProposalSubmitted submitted() {
        return submitted(ProposalProgramme.CITIZEN_PROPOSAL);
    }

    private static SupportProposal support(String supporter, Ward ward) {
        return new SupportProposal(ID, supporter, ward, SUPPORTED_AT, RESIDENT);
    }

    private static ProposalSupported supported(String supporter, int supports) {
        return new ProposalSupported(ID, supporter, supports, SUPPORTED_AT);
    }

    @Test
    void aVerifiedResidentOfTheWardSupportsAndOnlyTheirPseudonymIsRecorded() {
        fixture.given(submitted())
                .when(support("pseudonym-a", Ward.SAIWAI))
                .expectSuccessfulHandlerExecution()
                .expectResultMessagePayload(1L)
                .expectEvents(supported("pseudonym-a", 1));
    }

    @Test
    void aResidentSupportsOnlyOnce() {
        fixture.given(submitted(), supported("pseudonym-a", 1))
                .when(support("pseudonym-a", Ward.SAIWAI))
                .expectNoEvents()
                .expectException(refused("proposal-already-supported", 409));
    }

    @Test
    void aResidentOfAnotherWardCannotSupportAWardProgramme() {
        fixture.given(submitted())
                .when(support("pseudonym-a", Ward.TAMA))
                .expectNoEvents()
                .expectException(refused("proposal-support-outside-ward", 403));
    }

    @Test
    void aCityWideProgrammeTakesSupportsFromEveryWard() {
        fixture.given(submitted(ProposalProgramme.MACHI_NO_HIROBA))
                .when(support("pseudonym-a", Ward.TAMA))
                .expectEvents(supported("pseudonym-a", 1));
    }

    @Test
    void aWithdrawnOrAnsweredProposalTakesNoSupport() {
        fixture.given(submitted(), new ProposalWithdrawn(ID, "解決しました", ACK_AT, CLERK))
                .when(support("pseudonym-a", Ward.SAIWAI))
                .expectNoEvents()
                .expectException(refused("proposal-support-closed", 409));
        fixture.given(submitted(), acknowledged(LocalDate.parse("2025-07-03")), accepted())
                .when(new WithdrawSupport(ID, "pseudonym-a", SUPPORTED_AT, RESIDENT))
                .expectNoEvents()
                .expectException(refused("proposal-support-closed", 409));
    }

    @Test
    void aSupportIsWithdrawnOnceAndCountedDown() {
        fixture.given(submitted(), supported("pseudonym-a", 1), supported("pseudonym-b", 2))
                .when(new WithdrawSupport(ID, "pseudonym-a", SUPPORTED_AT, RESIDENT))
                .expectEvents(new ProposalSupportWithdrawn(ID, "pseudonym-a", 1, SUPPORTED_AT));
        fixture.given(submitted(), supported("pseudonym-b", 1))
                .when(new WithdrawSupport(ID, "pseudonym-a", SUPPORTED_AT, RESIDENT))
                .expectNoEvents()
                .expectException(refused("proposal-not-supported", 409));
    }

    @Test
    void aWithdrawnSupportMayBeGivenAgain() {
        fixture.given(submitted(), supported("pseudonym-a", 1),
                        new ProposalSupportWithdrawn(ID, "pseudonym-a", 0, SUPPORTED_AT))
                .when(support("pseudonym-a", Ward.SAIWAI))
                .expectEvents(supported("pseudonym-a", 1));
    }

    @Test
    void reachingTheThresholdMakesTheAnswerDueAndSchedulesTheDeadline() {
        LocalDate due = LocalDate.parse("2025-06-24"); // 14 days after 2025-06-10 in Tokyo
        fixture.given(submitted(), supported("pseudonym-a", 1), supported("pseudonym-b", 2))
                .when(support("pseudonym-c", Ward.SAIWAI))
                .expectEvents(supported("pseudonym-c", 3),
                        new ProposalSupportThresholdReached(ID, 3, 3, due, SUPPORTED_AT))
                .expectScheduledDeadlineWithName(Instant.parse("2025-06-24T15:00:00Z"), Proposal.RESPONSE_DUE)
                .expectState(proposal -> assertThat(proposal.dueOn()).isEqualTo(due));
    }

    @Test
    void theThresholdIsTheProgrammes() {
        fixture.given(submitted(ProposalProgramme.SUGGESTION_BOX), supported("pseudonym-a", 1))
                .when(support("pseudonym-b", Ward.SAIWAI))
                .expectEvents(supported("pseudonym-b", 2),
                        new ProposalSupportThresholdReached(ID, 2, 2, LocalDate.parse("2025-06-24"), SUPPORTED_AT));
    }

    @Test
    void anEarlierDueDateStandsAndNoSecondDeadlineIsScheduled() {
        LocalDate acknowledgedDue = LocalDate.parse("2025-06-20");
        fixture.given(submitted(), acknowledged(acknowledgedDue), supported("pseudonym-a", 1),
                        supported("pseudonym-b", 2))
                .when(support("pseudonym-c", Ward.SAIWAI))
                .expectEvents(supported("pseudonym-c", 3),
                        new ProposalSupportThresholdReached(ID, 3, 3, acknowledgedDue, SUPPORTED_AT))
                .expectNoScheduledDeadlines();
    }

    @Test
    void theThresholdIsReachedOnlyOnce() {
        fixture.given(submitted(), supported("pseudonym-a", 1), supported("pseudonym-b", 2),
                        supported("pseudonym-c", 3),
                        new ProposalSupportThresholdReached(ID, 3, 3, LocalDate.parse("2025-06-24"), SUPPORTED_AT),
                        new ProposalSupportWithdrawn(ID, "pseudonym-c", 2, SUPPORTED_AT))
                .when(support("pseudonym-d", Ward.SAIWAI))
                .expectEvents(supported("pseudonym-d", 3));
    }

    @Test
    void anAcknowledgementAfterTheThresholdKeepsTheEarlierDueDateAndItsDeadline() {
        LocalDate thresholdDue = LocalDate.parse("2025-06-24");
        fixture.given(submitted(), supported("pseudonym-a", 1), supported("pseudonym-b", 2),
                        supported("pseudonym-c", 3),
                        new ProposalSupportThresholdReached(ID, 3, 3, thresholdDue, SUPPORTED_AT))
                .when(new AcknowledgeProposal(ID, null, "地域振興課", null, Instant.parse("2025-06-11T00:00:00Z"),
                        CLERK))
                .expectEvents(new ProposalAcknowledged(ID, "地域振興課", thresholdDue,
                        Instant.parse("2025-06-11T00:00:00Z"), CLERK))
                .expectNoScheduledDeadlines();
    }

    @Test
    void theThresholdsDeadlineMarksTheProposalOverdue() {
        LocalDate due = LocalDate.parse("2025-06-24");
        Instant endOfDueDay = Instant.parse("2025-06-24T15:00:00Z");
        fixture.given(submitted(), supported("pseudonym-a", 1), supported("pseudonym-b", 2))
                .andGivenCommands(support("pseudonym-c", Ward.SAIWAI))
                .whenTimeElapses(Duration.ofDays(30))
                .expectDeadlinesMet(due)
                .expectEvents(new ProposalResponseOverdue(ID, due, endOfDueDay));
    }

    @Test
    void aResidentWithdrawsOnlyTheirOwnProposal() {
        fixture.given(submitted())
                .when(new WithdrawProposal(ID, null, "やめます", SUPPORTED_AT, new StaffRef("subject-2", "RESIDENT")))
                .expectNoEvents()
                .expectException(refused("forbidden", 403));
        fixture.given(submitted())
                .when(new WithdrawProposal(ID, null, "やめます", SUPPORTED_AT, new StaffRef("subject-1", "RESIDENT")))
                .expectEvents(new ProposalWithdrawn(ID, "やめます", SUPPORTED_AT, new StaffRef("subject-1", "RESIDENT")));
    }

    private static ProposalAcknowledged acknowledged(LocalDate due) {
        return new ProposalAcknowledged(ID, "地域振興課", due, ACK_AT, CLERK);
    }

    private static ProposalAccepted accepted() {
        return new ProposalAccepted(ID, null, 0, new Decision("d-1", SubjectType.PROPOSAL, ID, Ward.SAIWAI,
                DecisionKind.PROPOSAL_ANSWER, DecisionOutcome.ACCEPTED, "よい提案です", CLERK, ACK_AT, null));
    }

    private static Matcher<Throwable> refused(String slug, int status) {
        return org.axonframework.test.matchers.Matchers.predicate(e -> e instanceof KyodoProblemException refusal
                && refusal.type().slug().equals(slug) && refusal.type().status() == status);
    }
}
