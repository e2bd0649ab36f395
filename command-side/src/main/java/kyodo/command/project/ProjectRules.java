package kyodo.command.project;

import static kyodo.command.platform.FieldChecks.range;
import static kyodo.command.platform.FieldChecks.refuseIfAny;
import static kyodo.command.platform.FieldChecks.required;
import static kyodo.command.platform.FieldChecks.text;

import kyodo.kernel.FiscalYear;
import kyodo.kernel.Yen;
import kyodo.kernel.problem.FieldViolation;
import kyodo.kernel.project.PartnerType;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The limits a project's content must respect, enforced by the aggregate. */
final class ProjectRules {

    static final int TITLE_MAX = 200;
    static final int NAME_MAX = 200;
    static final int TEXT_MAX = 5_000;
    static final LocalDate EARLIEST = LocalDate.of(1989, 1, 1);
    static final LocalDate LATEST = LocalDate.of(2199, 12, 31);

    private ProjectRules() {
    }

    static void requireLaunchable(LaunchProject c) {
        List<FieldViolation> errors = new ArrayList<>();
        required(errors, "fiscalYear", c.fiscalYear());
        required(errors, "programme", c.programme());
        text(errors, "title", c.title(), TITLE_MAX);
        text(errors, "theme", c.theme(), NAME_MAX);
        text(errors, "leadDepartment", c.leadDepartment(), NAME_MAX);
        if (c.origin() != null && c.origin().proposalId() != null && c.origin().resolutionId() != null) {
            errors.add(new FieldViolation("origin", "a proposal or a resolution, not both"));
        }
        if (c.origin() != null && (c.origin().resolutionId() == null) != (c.origin().meetingId() == null)) {
            errors.add(new FieldViolation("origin.meetingId", "a resolution comes with its meeting"));
        }
        refuseIfAny(errors, "The project cannot be launched as given.");
    }

    static void requirePartner(String name, PartnerType type, String role) {
        List<FieldViolation> errors = new ArrayList<>();
        text(errors, "name", name, NAME_MAX);
        required(errors, "type", type);
        text(errors, "role", role, NAME_MAX);
        refuseIfAny(errors, "The partner is invalid.");
    }

    static void requireAgreement(String title, List<String> partyIds, LocalDate signedOn) {
        List<FieldViolation> errors = new ArrayList<>();
        text(errors, "title", title, TITLE_MAX);
        if (partyIds == null || partyIds.size() > 100) {
            errors.add(new FieldViolation("partyIds", "2 to 100 partners"));
        }
        date(errors, "signedOn", signedOn);
        refuseIfAny(errors, "The agreement is invalid.");
    }

    static void requireExpenditure(Yen amount, String description, LocalDate spentOn) {
        List<FieldViolation> errors = new ArrayList<>();
        if (amount == null || !amount.isPositive()) {
            errors.add(new FieldViolation("amountYen", "at least 1 yen"));
        }
        text(errors, "description", description, TEXT_MAX);
        date(errors, "spentOn", spentOn);
        refuseIfAny(errors, "The expenditure is invalid.");
    }

    static void requireTarget(String name, String unit, Map<Integer, Long> targets) {
        List<FieldViolation> errors = new ArrayList<>();
        text(errors, "name", name, NAME_MAX);
        text(errors, "unit", unit, 50);
        if (targets == null || targets.isEmpty() || targets.size() > 50) {
            errors.add(new FieldViolation("targets", "1 to 50 fiscal years"));
        } else {
            targets.keySet().stream().filter(fy -> fy < FiscalYear.MIN_YEAR || fy > FiscalYear.MAX_YEAR)
                    .forEach(fy -> errors.add(new FieldViolation("targets." + fy, "not a fiscal year")));
        }
        refuseIfAny(errors, "The target is invalid.");
    }

    static void requireFiscalYear(int fiscalYear) {
        if (fiscalYear < FiscalYear.MIN_YEAR || fiscalYear > FiscalYear.MAX_YEAR) {
            refuseIfAny(List.of(new FieldViolation("fiscalYear", "a year from 1989 to 2200")), "Invalid year.");
        }
    }

    static void requireEvaluation(int rating, String text) {
        List<FieldViolation> errors = new ArrayList<>();
        range(errors, "rating", rating, 1, 5);
        text(errors, "text", text, TEXT_MAX);
        refuseIfAny(errors, "The self-evaluation is invalid.");
    }

    private static void date(List<FieldViolation> errors, String field, LocalDate date) {
        if (date == null) {
            errors.add(new FieldViolation(field, "required"));
        } else if (date.isBefore(EARLIEST) || date.isAfter(LATEST)) {
            errors.add(new FieldViolation(field, "between 1989 and 2199"));
        }
    }
}
