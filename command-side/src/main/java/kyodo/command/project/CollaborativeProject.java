package kyodo.command.project;

import kyodo.command.access.CommandPermissions;
import kyodo.command.platform.FieldChecks;
import kyodo.command.platform.VersionedAggregate;
import kyodo.kernel.FiscalYear;
import kyodo.kernel.StaffRef;
import kyodo.kernel.Ward;
import kyodo.kernel.Yen;
import kyodo.kernel.decision.Decision;
import kyodo.kernel.decision.DecisionKind;
import kyodo.kernel.decision.DecisionOutcome;
import kyodo.kernel.decision.SubjectType;
import kyodo.kernel.problem.CommonProblems;
import kyodo.kernel.problem.FieldViolation;
import kyodo.kernel.problem.KyodoProblemException;
import kyodo.kernel.problem.ProblemKind;
import kyodo.kernel.project.ActualRecorded;
import kyodo.kernel.project.AgreementSigned;
import kyodo.kernel.project.BudgetAllocated;
import kyodo.kernel.project.ExpenditureRecorded;
import kyodo.kernel.project.PartnerAdded;
import kyodo.kernel.project.ProgressReported;
import kyodo.kernel.project.ProjectApproved;
import kyodo.kernel.project.ProjectCompleted;
import kyodo.kernel.project.ProjectLaunched;
import kyodo.kernel.project.ProjectOrigin;
import kyodo.kernel.project.ProjectTerminated;
import kyodo.kernel.project.SelfEvaluated;
import kyodo.kernel.project.TargetSet;
import kyodo.kernel.project.WardBudgetId;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateLifecycle;
import org.axonframework.spring.stereotype.Aggregate;

import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A collaborative project (協働型事業, 地域課題対応事業) between the city and its partners, from launch
 * to completion or termination. Money comes from its ward's budget, which reserves it first; the
 * project never spends more than it was allocated.
 */
@Aggregate
class CollaborativeProject extends VersionedAggregate {

    enum Status { LAUNCHED, APPROVED, COMPLETED, TERMINATED }

    @AggregateIdentifier
    private String projectId;
    private Ward ward;
    private FiscalYear fiscalYear;
    private Status status;
    private final Set<String> partners = new HashSet<>();
    private final Set<String> allocations = new HashSet<>();
    private final Set<String> targets = new HashSet<>();
    private Yen allocated = Yen.ZERO;
    private Yen spent = Yen.ZERO;

    CollaborativeProject() {
        // for Axon: rebuilt from events
    }

    @CommandHandler
    CollaborativeProject(LaunchProject c, ProjectRecords records) {
        ProjectRules.requireLaunchable(c);
        ProjectOrigin origin = c.origin() == null ? ProjectOrigin.DEPARTMENT_INITIATIVE : c.origin();
        if (origin.proposalId() != null && !records.proposalAccepted(origin.proposalId())) {
            throw new KyodoProblemException(ProjectProblems.ORIGIN_NOT_ACCEPTED,
                    "Proposal " + origin.proposalId() + " has not been accepted.");
        }
        if (origin.resolutionId() != null && !records.resolutionAdopted(origin.meetingId(), origin.resolutionId())) {
            throw new KyodoProblemException(ProjectProblems.ORIGIN_NOT_ADOPTED,
                    "Resolution " + origin.resolutionId() + " was not adopted by meeting " + origin.meetingId() + ".");
        }
        apply(new ProjectLaunched(c.projectId(), c.ward(), c.fiscalYear(), c.title().strip(), c.theme().strip(),
                c.programme(), origin, c.leadDepartment().strip(), c.at(), c.by()));
    }

    @CommandHandler
    long handle(AddPartner c) {
        requireOpen();
        ProjectRules.requirePartner(c.name(), c.type(), c.role());
        return applied(new PartnerAdded(projectId, c.partnerId(), c.name().strip(), c.type(), c.role().strip(), c.at(),
                c.by()));
    }

    @CommandHandler
    long handle(SignAgreement c) {
        requireOpen();
        ProjectRules.requireAgreement(c.title(), c.partyIds(), c.signedOn());
        List<String> parties = List.copyOf(new LinkedHashSet<>(c.partyIds()));
        if (parties.size() < 2) {
            throw new KyodoProblemException(CommonProblems.INVALID_INPUT, "An agreement has at least two parties.",
                    List.of(new FieldViolation("partyIds", "at least two different partners")), Map.of());
        }
        List<String> strangers = parties.stream().filter(p -> !partners.contains(p)).toList();
        if (!strangers.isEmpty()) {
            throw new KyodoProblemException(ProjectProblems.PARTY_NOT_PARTNER, "Not partners: " + strangers + ".",
                    List.of(), Map.of("notPartners", strangers));
        }
        return applied(new AgreementSigned(projectId, c.agreementId(), c.title().strip(), parties, c.signedOn(),
                decision(c.decisionId(), DecisionKind.AGREEMENT, DecisionOutcome.SIGNED, c.title().strip(), c.by(), c.at())));
    }

    @CommandHandler
    long handle(ApproveProject c) {
        requireOpen();
        if (status == Status.APPROVED) {
            throw refused(ProjectProblems.ALREADY_APPROVED, "Approved already.");
        }
        CommandPermissions.requireOn(c, c.by(), ward);
        FieldChecks.requireText("reason", c.reason(), ProjectRules.TEXT_MAX);
        return applied(new ProjectApproved(projectId, decision(c.decisionId(), DecisionKind.PROJECT_APPROVAL,
                DecisionOutcome.APPROVED, c.reason().strip(), c.by(), c.at())));
    }

    @CommandHandler
    long handle(RecordAllocation c, ProjectRecords records) {
        if (allocations.contains(c.allocationId())) {
            return AggregateLifecycle.getVersion();
        }
        requireOpen();
        if (status != Status.APPROVED) {
            throw refused(ProjectProblems.NOT_APPROVED, "Approve the project before allocating money.");
        }
        CommandPermissions.requireOn(c, c.by(), ward);
        if (ward == null) {
            throw refused(ProjectProblems.NO_WARD_BUDGET, "A city-wide project has no ward budget.");
        }
        if (!WardBudgetId.of(ward, fiscalYear).equals(c.budgetId())) {
            throw new KyodoProblemException(CommonProblems.INVALID_INPUT, "The money must come from the project's "
                    + "own ward budget " + WardBudgetId.of(ward, fiscalYear) + ".");
        }
        if (records.allocationReleased(c.budgetId(), c.allocationId())) {
            throw refused(ProjectProblems.ALLOCATION_RELEASED, "The reservation expired; allocate again.");
        }
        FieldChecks.requireText("reason", c.reason(), ProjectRules.TEXT_MAX);
        return applied(new BudgetAllocated(projectId, c.allocationId(), c.budgetId(), c.amount(),
                decision(c.decisionId(), DecisionKind.BUDGET_ALLOCATION, DecisionOutcome.ALLOCATED,
                        c.reason().strip(), c.by(), c.at())));
    }

    @CommandHandler
    long handle(RecordExpenditure c) {
        requireOpen();
        ProjectRules.requireExpenditure(c.amount(), c.description(), c.spentOn());
        Yen after = spent.plus(c.amount());
        if (!allocated.covers(after)) {
            throw new KyodoProblemException(ProjectProblems.EXPENDITURE_EXCEEDS_ALLOCATION, "Only "
                    + allocated.minus(spent) + " of the allocation remains.", List.of(),
                    Map.of("remainingYen", allocated.minus(spent).amount()));
        }
        return applied(new ExpenditureRecorded(projectId, c.expenditureId(), c.amount(), c.description().strip(),
                c.spentOn(), c.at(), c.by()));
    }

    @CommandHandler
    long handle(SetTarget c) {
        requireOpen();
        ProjectRules.requireTarget(c.name(), c.unit(), c.targets());
        return applied(new TargetSet(projectId, c.name().strip(), c.unit().strip(), c.baseline(),
                Map.copyOf(c.targets()), c.at(), c.by()));
    }

    @CommandHandler
    long handle(RecordActual c) {
        requireOpen();
        if (c.target() == null || !targets.contains(c.target().strip())) {
            throw refused(ProjectProblems.TARGET_UNKNOWN, "Set the target before recording its actuals.");
        }
        ProjectRules.requireFiscalYear(c.fiscalYear());
        return applied(new ActualRecorded(projectId, c.target().strip(), c.fiscalYear(), c.value(), c.at(), c.by()));
    }

    @CommandHandler
    long handle(PostProgressReport c) {
        requireOpen();
        FieldChecks.requireText("text", c.text(), ProjectRules.TEXT_MAX);
        return applied(new ProgressReported(projectId, c.text().strip(), c.at(), c.by()));
    }

    @CommandHandler
    long handle(SelfEvaluate c) {
        requireOpen();
        ProjectRules.requireEvaluation(c.rating(), c.text());
        return applied(new SelfEvaluated(projectId, c.rating(), c.text().strip(), c.at(), c.by()));
    }

    @CommandHandler
    long handle(CompleteProject c) {
        requireOpen();
        FieldChecks.requireText("summary", c.summary(), ProjectRules.TEXT_MAX);
        return applied(new ProjectCompleted(projectId, decision(c.decisionId(), DecisionKind.PROJECT_COMPLETION,
                DecisionOutcome.COMPLETED, c.summary().strip(), c.by(), c.at())));
    }

    @CommandHandler
    long handle(TerminateProject c) {
        requireOpen();
        FieldChecks.requireText("reason", c.reason(), ProjectRules.TEXT_MAX);
        Yen unspent = allocated.minus(spent);
        return applied(new ProjectTerminated(projectId, unspent,
                unspent.isPositive() ? WardBudgetId.of(ward, fiscalYear) : null,
                decision(c.decisionId(), DecisionKind.PROJECT_TERMINATION, DecisionOutcome.TERMINATED,
                        c.reason().strip(), c.by(), c.at())));
    }

    @EventSourcingHandler
    void on(ProjectLaunched e) {
        projectId = e.projectId();
        ward = e.ward();
        fiscalYear = e.fiscalYear();
        status = Status.LAUNCHED;
    }

    @EventSourcingHandler
    void on(PartnerAdded e) {
        partners.add(e.partnerId());
    }

    @EventSourcingHandler
    void on(ProjectApproved e) {
        status = Status.APPROVED;
    }

    @EventSourcingHandler
    void on(BudgetAllocated e) {
        allocations.add(e.allocationId());
        allocated = allocated.plus(e.amount());
    }

    @EventSourcingHandler
    void on(ExpenditureRecorded e) {
        spent = spent.plus(e.amount());
    }

    @EventSourcingHandler
    void on(TargetSet e) {
        targets.add(e.name());
    }

    @EventSourcingHandler
    void on(ProjectCompleted e) {
        status = Status.COMPLETED;
    }

    @EventSourcingHandler
    void on(ProjectTerminated e) {
        status = Status.TERMINATED;
    }

    Status status() {
        return status;
    }

    Yen allocated() {
        return allocated;
    }

    Yen spent() {
        return spent;
    }

    private void requireOpen() {
        if (status == Status.COMPLETED || status == Status.TERMINATED) {
            throw refused(ProjectProblems.CLOSED, "The project is " + status.name().toLowerCase() + ".");
        }
    }

    private KyodoProblemException refused(ProblemKind type, String detail) {
        return new KyodoProblemException(type, detail, List.of(), Map.of("currentStatus", status.name()));
    }

    private Decision decision(String decisionId, DecisionKind kind, DecisionOutcome outcome, String reason,
                              StaffRef by, java.time.Instant at) {
        return new Decision(decisionId, SubjectType.PROJECT, projectId, ward, kind, outcome, reason, by, at, null);
    }

    @Override
    protected Ward ward() {
        return ward;
    }
}
