package kyodo.command.proposal;

import kyodo.kernel.Ward;
import kyodo.kernel.personal.SealedPersonalData;
import kyodo.kernel.problem.FieldViolation;
import kyodo.kernel.problem.KyodoProblemException;
import kyodo.kernel.proposal.ProposalChannel;
import kyodo.kernel.proposal.ProposalProgramme;
import kyodo.kernel.proposal.ProposalSubmitted;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ProposalTest {

    private static final Instant RECEIVED = Instant.parse("2025-06-02T01:30:00Z");
    private static final SealedPersonalData SEALED =
            new SealedPersonalData("subject-1", SealedPersonalData.AES_256_GCM, "bm9uY2U=", "Y2lwaGVy");

    private FixtureConfiguration<Proposal> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Proposal.class);
    }

    private static SubmitProposal submit(String title, String body, List<String> themes) {
        return new SubmitProposal("p-1", Ward.SAIWAI, title, body, themes, ProposalProgramme.CITIZEN_PROPOSAL,
                ProposalChannel.COUNTER, SEALED, RECEIVED);
    }

    @Test
    void submittingRecordsTheProposalWithItsProposerSealed() {
        fixture.givenNoPriorActivity()
                .when(submit("駅前の駐輪場", "駐輪場が足りません", List.of("交通")))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new ProposalSubmitted("p-1", Ward.SAIWAI, "駅前の駐輪場", "駐輪場が足りません",
                        List.of("交通"), ProposalProgramme.CITIZEN_PROPOSAL, ProposalChannel.COUNTER, SEALED, RECEIVED));
    }

    @Test
    void submittingTrimsTextAndDropsRepeatedThemes() {
        fixture.givenNoPriorActivity()
                .when(submit("  駐輪場  ", "\n本文\n", List.of("交通", " 交通 ", "防災")))
                .expectEvents(new ProposalSubmitted("p-1", Ward.SAIWAI, "駐輪場", "本文", List.of("交通", "防災"),
                        ProposalProgramme.CITIZEN_PROPOSAL, ProposalChannel.COUNTER, SEALED, RECEIVED));
    }

    @Test
    void submittedProposalIsInStateSubmitted() {
        fixture.givenNoPriorActivity()
                .when(submit("t", "b", List.of("交通")))
                .expectState(p -> {
                    assertThat(p.status()).isEqualTo(kyodo.kernel.proposal.ProposalStatus.SUBMITTED);
                    assertThat(p.ward()).isEqualTo(Ward.SAIWAI);
                });
    }

    @Test
    void cannotSubmitWithoutTitleBodyOrThemes() {
        fixture.givenNoPriorActivity()
                .when(submit(" ", null, List.of()))
                .expectNoEvents()
                .expectException(KyodoProblemException.class)
                .expectExceptionMessage("The proposal is incomplete.")
                .expectException(refusedWith(
                        new FieldViolation("title", "required"),
                        new FieldViolation("body", "required"),
                        new FieldViolation("themes", "1 to 10 themes")));
    }

    @Test
    void cannotSubmitATitleOverTwoHundredCharacters() {
        fixture.givenNoPriorActivity()
                .when(submit("あ".repeat(201), "b", List.of("交通")))
                .expectNoEvents()
                .expectException(refusedWith(new FieldViolation("title", "at most 200 characters")));
    }

    private static org.hamcrest.Matcher<Throwable> refusedWith(FieldViolation... errors) {
        return org.axonframework.test.matchers.Matchers.predicate(e ->
                e instanceof KyodoProblemException refusal
                        && refusal.type().slug().equals("invalid-input")
                        && refusal.errors().equals(List.of(errors)));
    }
}
