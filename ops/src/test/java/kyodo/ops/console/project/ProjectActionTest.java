package kyodo.ops.console.project;

import jakarta.validation.Validation;
import jakarta.validation.Validator;
import kyodo.command.project.AddPartner;
import kyodo.command.project.SetTarget;
import kyodo.command.project.web.ProjectCommandBodies;
import kyodo.command.web.ToAddition;
import kyodo.command.web.ToCommand;
import kyodo.kernel.StaffRef;
import kyodo.kernel.project.PartnerType;
import kyodo.ops.console.ConsoleAction;
import kyodo.ops.console.FormErrors;
import org.junit.jupiter.api.Test;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A project form is read as the JSON API's body, refused by the same constraints, and becomes the API's command. */
class ProjectActionTest {

    private static final Validator VALIDATOR = Validation.buildDefaultValidatorFactory().getValidator();
    private static final Instant AT = Instant.parse("2026-12-05T00:00:00Z");
    private static final StaffRef BY = new StaffRef("t-staff-saiwai", "STAFF");

    private static MultiValueMap<String, String> form(Map<String, String> fields) {
        MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
        fields.forEach(form::add);
        return form;
    }

    private static FormErrors check(ProjectAction action, MultiValueMap<String, String> form) {
        FormErrors errors = new FormErrors();
        Object body = action.body(form, errors);
        if (errors.isEmpty()) {
            errors.add(VALIDATOR.validate(body));
        }
        return errors;
    }

    @Test
    void aPartnerFormBecomesTheCommandTheApiSends() {
        Object body = ProjectAction.PARTNER.body(form(Map.of("name", "駅前をよくする会", "type", "CITIZEN_GROUP",
                "role", "利用者調査")), new FormErrors());
        assertThat(((ToAddition) body).command().build("pr-1", "pa-1", 2L, AT, BY))
                .isEqualTo(new AddPartner("pr-1", 2L, "pa-1", "駅前をよくする会", PartnerType.CITIZEN_GROUP, "利用者調査",
                        AT, BY));
        Map<String, FormErrors.FieldError> errors = check(ProjectAction.PARTNER,
                form(Map.of("name", "", "type", "CULT", "role", "x"))).byField();
        assertThat(errors).containsEntry("name", new FormErrors.FieldError("NotBlank", null)).containsKey("type");
        assertThat(errors.get("type").code()).isEqualTo("OneOf");
    }

    @Test
    void anAllocationReadsYenWithSeparatorsAndRefusesWhatIsNotANumber() {
        ProjectCommandBodies.Allocation allocation = (ProjectCommandBodies.Allocation) ProjectAction.ALLOCATION
                .body(form(Map.of("amountYen", " 4,000,000 ", "reason", "整備費")), new FormErrors());
        assertThat(allocation.amountYen()).isEqualTo(4_000_000L);
        assertThat(check(ProjectAction.ALLOCATION, form(Map.of("amountYen", "四百万", "reason", "整備費"))).byField())
                .containsExactly(Map.entry("amountYen", new FormErrors.FieldError("Number", null)));
        assertThat(check(ProjectAction.ALLOCATION, form(Map.of("amountYen", "0", "reason", "整備費"))).byField())
                .containsExactly(Map.entry("amountYen", new FormErrors.FieldError("Min", 1L)));
    }

    @Test
    void aTargetTakesTheFilledYearsAndAnAgreementEveryCheckedParty() {
        SetTarget target = (SetTarget) ((ToCommand) ProjectAction.TARGET.body(form(Map.of(
                "name", "駐輪台数", "unit", "台", "baseline", "54092", "year-2025", "60000", "year-2026", "")),
                new FormErrors())).command().build("pr-1", 3L, AT, BY);
        assertThat(target.targets()).containsExactly(Map.entry(2025, 60_000L));
        assertThat(check(ProjectAction.TARGET, form(Map.of("name", "駐輪台数", "unit", "台", "baseline", "1"))).byField())
                .containsKey("targets");

        MultiValueMap<String, String> agreement = form(Map.of("title", "三者覚書", "signedOn", "2025-05-10"));
        agreement.addAll("partyIds", List.of("pa-1", "pa-2"));
        ProjectCommandBodies.Agreement body = (ProjectCommandBodies.Agreement) ProjectAction.AGREEMENT.body(agreement,
                new FormErrors());
        assertThat(body.partyIds()).containsExactly("pa-1", "pa-2");
        assertThat(check(ProjectAction.AGREEMENT, form(Map.of("title", "覚書", "partyIds", "pa-1",
                "signedOn", "10/05/2025"))).byField()).containsEntry("signedOn", new FormErrors.FieldError("Date", null));
    }

    @Test
    void aPageOffersApprovalOnlyBeforeAndAllocationOnlyAfterIt() {
        assertThat(ProjectAction.APPROVAL.offeredIn("LAUNCHED")).isTrue();
        assertThat(ProjectAction.APPROVAL.offeredIn("APPROVED")).isFalse();
        assertThat(ProjectAction.ALLOCATION.offeredIn("LAUNCHED")).isFalse();
        assertThat(ProjectAction.ALLOCATION.offeredIn("APPROVED")).isTrue();
        assertThat(ProjectAction.PROGRESS.offeredIn("COMPLETED")).isFalse();
        assertThat(ProjectAction.PARTNER.command()).isEmpty();
        assertThat(ConsoleAction.find(ProjectAction.class, "allocation")).contains(ProjectAction.ALLOCATION);
        assertThat(ConsoleAction.find(ProjectAction.class, "launch-rocket")).isEmpty();
    }
}
