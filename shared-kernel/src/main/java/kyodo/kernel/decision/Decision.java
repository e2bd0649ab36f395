package kyodo.kernel.decision;

import kyodo.kernel.StaffRef;
import kyodo.kernel.Ward;

import java.time.Instant;
import java.util.Objects;

/**
 * The one shape of every decision kyodo records (an answer, a referral, a resolution, an approval,
 * a budget allocation), carried inside each decision event. The audit trail reads decisions only
 * through this record, whatever aggregate made them.
 *
 * @param decisionId  unique id of the decision
 * @param subjectType what the decision is about
 * @param subjectId   id of that subject
 * @param ward        ward of the subject; null for city-wide subjects
 * @param kind        kind of decision
 * @param outcome     what was decided
 * @param reason      the reason given, public; required for refusals
 * @param decidedBy   who decided (the role is public, the staff id is not)
 * @param decidedAt   when
 * @param basis       what it rests on, or null
 */
public record Decision(String decisionId, SubjectType subjectType, String subjectId, Ward ward, DecisionKind kind,
                       DecisionOutcome outcome, String reason, StaffRef decidedBy, Instant decidedAt,
                       DecisionBasis basis) {

    public Decision {
        Objects.requireNonNull(decisionId, "decisionId");
        Objects.requireNonNull(subjectType, "subjectType");
        Objects.requireNonNull(subjectId, "subjectId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(decidedBy, "decidedBy");
        Objects.requireNonNull(decidedAt, "decidedAt");
    }
}
