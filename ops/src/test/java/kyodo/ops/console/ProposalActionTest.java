package kyodo.ops.console;

import jakarta.validation.Validation;
import jakarta.validation.Validator;
import kyodo.command.proposal.AcknowledgeProposal;
import kyodo.command.proposal.DecideProposal;
import kyodo.kernel.StaffRef;
import kyodo.kernel.decision.DecisionOutcome;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A console form is read as the JSON API's body and refused by the same constraints, field by field. */
class ProposalActionTest {

    private static final Validator VALIDATOR = Validation.buildDefaultValidatorFactory().getValidator();
    private static final Instant AT = Instant.parse("2026-12-05T00:00:00Z");
    private static final StaffRef BY = new StaffRef("t-staff-saiwai", "STAFF");

    private static FormErrors check(ProposalAction action, Map<String, String> form) {
        FormErrors errors = new FormErrors();
        Object body = action.body(form, errors);
        if (errors.isEmpty()) {
            errors.add(VALIDATOR.validate(body));
        }
        return errors;
    }

    @Test
    void anAnswerWithoutAReasonOrWithAnUnknownOutcomeIsRefusedBesideEachField() {
        assertThat(check(ProposalAction.ANSWER, Map.of("outcome", "MAYBE", "reason", "")).byField())
                .containsEntry("outcome", new FormErrors.FieldError("Pattern", null))
                .containsEntry("reason", new FormErrors.FieldError("NotBlank", null))
                .doesNotContainKey("conditions");
    }

    @Test
    void aTooLongDepartmentNamesItsLimitAndADueDayCountMustBeANumber() {
        assertThat(check(ProposalAction.ACKNOWLEDGE, Map.of("department", "課".repeat(101))).byField())
                .containsExactly(Map.entry("department", new FormErrors.FieldError("Size", 100)));
        assertThat(check(ProposalAction.ACKNOWLEDGE, Map.of("department", "課", "responseDueDays", "many")).byField())
                .containsExactly(Map.entry("responseDueDays", new FormErrors.FieldError("Number", null)));
        assertThat(check(ProposalAction.ACKNOWLEDGE, Map.of("department", "課", "responseDueDays", "400")).byField())
                .containsExactly(Map.entry("responseDueDays", new FormErrors.FieldError("Max", 365L)));
    }

    @Test
    void aValidFormBecomesTheCommandTheApiSends() {
        Object ack = ProposalAction.ACKNOWLEDGE.command(ProposalAction.ACKNOWLEDGE.body(
                Map.of("department", "幸区役所 地域振興課", "responseDueDays", " 20 "), new FormErrors()))
                .build("p-1", 0L, AT, BY);
        assertThat(ack).isEqualTo(new AcknowledgeProposal("p-1", 0L, "幸区役所 地域振興課", 20, AT, BY));

        // an empty optional field is left unset, as the JSON API leaves it
        DecideProposal answer = (DecideProposal) ProposalAction.ANSWER.command(ProposalAction.ANSWER.body(
                Map.of("outcome", "REJECTED", "reason", "予算がありません", "conditions", ""), new FormErrors()))
                .build("p-1", 3L, AT, BY);
        assertThat(answer.outcome()).isEqualTo(DecisionOutcome.REJECTED);
        assertThat(answer.conditions()).isNull();
        assertThat(check(ProposalAction.ANSWER, Map.of("outcome", "REJECTED", "reason", "予算がありません")).isEmpty())
                .isTrue();
    }

    @Test
    void aPageOffersOnlyTheFormsThatFitTheProposalsStatus() {
        assertThat(ProposalAction.ACKNOWLEDGE.offeredIn("SUBMITTED")).isTrue();
        assertThat(ProposalAction.ACKNOWLEDGE.offeredIn("ACKNOWLEDGED")).isFalse();
        assertThat(ProposalAction.REVISION.offeredIn("ACKNOWLEDGED")).isTrue();
        assertThat(ProposalAction.WITHDRAWAL.offeredIn("ACCEPTED")).isFalse();
        assertThat(ConsoleAction.find(ProposalAction.class, "answer")).contains(ProposalAction.ANSWER);
        assertThat(ConsoleAction.find(ProposalAction.class, "launch-rocket")).isEmpty();
    }
}
