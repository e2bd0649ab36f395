package kyodo.query.project;

import kyodo.kernel.FiscalYear;
import kyodo.kernel.StaffRef;
import kyodo.kernel.Ward;
import kyodo.kernel.Yen;
import kyodo.kernel.decision.Decision;
import kyodo.kernel.decision.DecisionKind;
import kyodo.kernel.decision.DecisionOutcome;
import kyodo.kernel.decision.SubjectType;
import kyodo.kernel.project.ActualRecorded;
import kyodo.kernel.project.AgreementSigned;
import kyodo.kernel.project.BudgetAllocated;
import kyodo.kernel.project.ExpenditureRecorded;
import kyodo.kernel.project.PartnerAdded;
import kyodo.kernel.project.PartnerType;
import kyodo.kernel.project.ProgressReported;
import kyodo.kernel.project.ProjectApproved;
import kyodo.kernel.project.ProjectCompleted;
import kyodo.kernel.project.ProjectLaunched;
import kyodo.kernel.project.ProjectOrigin;
import kyodo.kernel.project.ProjectProgramme;
import kyodo.kernel.project.ProjectTerminated;
import kyodo.kernel.project.SelfEvaluated;
import kyodo.kernel.project.TargetSet;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One project's events, written the way the Project aggregate would record them, numbered from 0,
 * each with a stable event identifier ({@code <id>#<seq>}), as the event store would hand the same
 * event over again in a replay.
 */
public final class ProjectStory {

    public static final StaffRef CLERK = new StaffRef("staff-0042", "STAFF");
    public static final StaffRef HEAD = new StaffRef("staff-0007", "WARD_HEAD");

    public final String id;
    public final Ward ward;
    private final List<DomainEventMessage<?>> messages = new ArrayList<>();

    private ProjectStory(String id, Ward ward) {
        this.id = id;
        this.ward = ward;
    }

    public static ProjectStory launched(String id, Ward ward, int fiscalYear, String title, String theme,
                                        ProjectProgramme programme, ProjectOrigin origin, String leadDepartment,
                                        Instant at) {
        ProjectStory story = new ProjectStory(id, ward);
        story.add(new ProjectLaunched(id, ward, FiscalYear.of(fiscalYear), title, theme, programme, origin,
                leadDepartment, at, CLERK), at);
        return story;
    }

    /** A project with only what a list shows, of the department's own initiative. */
    public static ProjectStory launched(String id, Ward ward, int fiscalYear, String title, String theme,
                                        ProjectProgramme programme, String at) {
        return launched(id, ward, fiscalYear, title, theme, programme, ProjectOrigin.DEPARTMENT_INITIATIVE,
                "区政推進課", Instant.parse(at));
    }

    public ProjectStory partner(String partnerId, String name, PartnerType type, String role, Instant at) {
        return add(new PartnerAdded(id, partnerId, name, type, role, at, CLERK), at);
    }

    public ProjectStory agreement(String agreementId, String title, List<String> partyIds, LocalDate signedOn,
                                  String reason, Instant at) {
        return add(new AgreementSigned(id, agreementId, title, partyIds, signedOn,
                decision(DecisionKind.AGREEMENT, DecisionOutcome.SIGNED, reason, at)), at);
    }

    public ProjectStory approved(String reason, Instant at) {
        return add(new ProjectApproved(id, decision(DecisionKind.PROJECT_APPROVAL, DecisionOutcome.APPROVED, reason,
                at)), at);
    }

    public ProjectStory allocated(String allocationId, String budgetId, long amount, String reason, Instant at) {
        return add(new BudgetAllocated(id, allocationId, budgetId, Yen.of(amount),
                decision(DecisionKind.BUDGET_ALLOCATION, DecisionOutcome.ALLOCATED, reason, at)), at);
    }

    public ProjectStory spent(String expenditureId, long amount, String description, LocalDate spentOn, Instant at) {
        return add(new ExpenditureRecorded(id, expenditureId, Yen.of(amount), description, spentOn, at, CLERK), at);
    }

    public ProjectStory target(String name, String unit, long baseline, Map<Integer, Long> targets, Instant at) {
        return add(new TargetSet(id, name, unit, baseline, targets, at, CLERK), at);
    }

    public ProjectStory actual(String target, int fiscalYear, long value, Instant at) {
        return add(new ActualRecorded(id, target, fiscalYear, value, at, CLERK), at);
    }

    public ProjectStory progress(String text, Instant at) {
        return add(new ProgressReported(id, text, at, CLERK), at);
    }

    public ProjectStory evaluated(int rating, String text, Instant at) {
        return add(new SelfEvaluated(id, rating, text, at, CLERK), at);
    }

    public ProjectStory completed(String summary, Instant at) {
        return add(new ProjectCompleted(id, decision(DecisionKind.PROJECT_COMPLETION, DecisionOutcome.COMPLETED,
                summary, at)), at);
    }

    public ProjectStory terminated(long unspent, String budgetId, String reason, Instant at) {
        return add(new ProjectTerminated(id, Yen.of(unspent), budgetId,
                decision(DecisionKind.PROJECT_TERMINATION, DecisionOutcome.TERMINATED, reason, at)), at);
    }

    /** The events as the event store hands them to a processor: domain events with their sequence and identifier. */
    public List<DomainEventMessage<?>> messages() {
        return List.copyOf(messages);
    }

    /** The decision id the event at this sequence number carries. */
    public String decisionId(int sequence) {
        return id + "-decision-" + sequence;
    }

    private ProjectStory add(Object event, Instant at) {
        int sequence = messages.size();
        messages.add(new GenericDomainEventMessage<>("Project", id, sequence, event, Map.of(), id + "#" + sequence,
                at));
        return this;
    }

    private Decision decision(DecisionKind kind, DecisionOutcome outcome, String reason, Instant at) {
        return new Decision(decisionId(messages.size()), SubjectType.PROJECT, id, ward, kind, outcome, reason, HEAD,
                at, null);
    }
}
