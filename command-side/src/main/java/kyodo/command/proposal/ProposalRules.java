package kyodo.command.proposal;

import static kyodo.command.platform.FieldChecks.list;
import static kyodo.command.platform.FieldChecks.refuseIfAny;
import static kyodo.command.platform.FieldChecks.required;
import static kyodo.command.platform.FieldChecks.text;

import kyodo.kernel.decision.DecisionOutcome;
import kyodo.kernel.problem.FieldViolation;

import java.util.ArrayList;
import java.util.List;

/**
 * The limits a proposal's content must respect, enforced by the aggregate whatever the edge
 * checked before (a command can arrive from elsewhere than the HTTP API).
 */
final class ProposalRules {

    static final int TITLE_MAX = 200;
    static final int BODY_MAX = 20_000;
    static final int THEMES_MAX = 10;
    static final int THEME_MAX = 50;
    static final int DEPARTMENT_MAX = 100;
    static final int TEXT_MAX = 5_000;

    private ProposalRules() {
    }

    static void requireSubmittable(SubmitProposal c) {
        List<FieldViolation> errors = new ArrayList<>();
        required(errors, "ward", c.ward());
        text(errors, "title", c.title(), TITLE_MAX);
        text(errors, "body", c.body(), BODY_MAX);
        list(errors, "themes", c.themes(), 1, THEMES_MAX, THEME_MAX, "themes");
        required(errors, "programme", c.programme());
        required(errors, "channel", c.channel());
        required(errors, "proposer", c.proposer());
        required(errors, "submittedAt", c.submittedAt());
        refuseIfAny(errors, "The proposal is incomplete.");
    }

    static void requireDueDays(int days) {
        if (days < ResponseDuePolicy.MIN_DAYS || days > ResponseDuePolicy.MAX_DAYS) {
            refuseIfAny(List.of(new FieldViolation("responseDueDays", "1 to 365 days")), "Invalid due days.");
        }
    }

    /** A revision changes the title, the body or both, each within its limits. */
    static void requireRevision(String title, String body) {
        List<FieldViolation> errors = new ArrayList<>();
        if (title == null && body == null) {
            errors.add(new FieldViolation("", "give a new title, a new body or both"));
        }
        if (title != null) {
            text(errors, "title", title, TITLE_MAX);
        }
        if (body != null) {
            text(errors, "body", body, BODY_MAX);
        }
        refuseIfAny(errors, "The revision is invalid.");
    }

    /** An answer is ACCEPTED or REJECTED, always with a reason; conditions only come with an acceptance. */
    static void requireAnswer(DecisionOutcome outcome, String reason, String conditions) {
        List<FieldViolation> errors = new ArrayList<>();
        if (outcome != DecisionOutcome.ACCEPTED && outcome != DecisionOutcome.REJECTED) {
            errors.add(new FieldViolation("outcome", "ACCEPTED or REJECTED"));
        }
        text(errors, "reason", reason, TEXT_MAX);
        if (conditions != null && outcome == DecisionOutcome.REJECTED) {
            errors.add(new FieldViolation("conditions", "only an acceptance has conditions"));
        } else if (conditions != null && conditions.strip().length() > TEXT_MAX) {
            errors.add(new FieldViolation("conditions", "at most " + TEXT_MAX + " characters"));
        }
        refuseIfAny(errors, "The answer is incomplete.");
    }
}
