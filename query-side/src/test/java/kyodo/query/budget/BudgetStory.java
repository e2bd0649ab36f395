package kyodo.query.budget;

import kyodo.kernel.FiscalYear;
import kyodo.kernel.StaffRef;
import kyodo.kernel.Ward;
import kyodo.kernel.Yen;
import kyodo.kernel.decision.Decision;
import kyodo.kernel.decision.DecisionKind;
import kyodo.kernel.decision.DecisionOutcome;
import kyodo.kernel.decision.SubjectType;
import kyodo.kernel.project.BudgetEnvelopeSet;
import kyodo.kernel.project.FundsReleased;
import kyodo.kernel.project.FundsReserved;
import kyodo.kernel.project.WardBudgetId;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One ward budget's own events, written the way the WardBudget aggregate would record them,
 * numbered from 0, each with a stable event identifier ({@code <id>#<seq>}).
 */
public final class BudgetStory {

    public static final StaffRef ADMIN = new StaffRef("staff-0001", "ADMIN");

    public final String id;
    public final Ward ward;
    public final FiscalYear fiscalYear;
    private final List<DomainEventMessage<?>> messages = new ArrayList<>();

    private BudgetStory(Ward ward, int fiscalYear) {
        this.ward = ward;
        this.fiscalYear = FiscalYear.of(fiscalYear);
        this.id = WardBudgetId.of(ward, this.fiscalYear);
    }

    public static BudgetStory of(Ward ward, int fiscalYear) {
        return new BudgetStory(ward, fiscalYear);
    }

    public BudgetStory envelope(long amount, String reason, Instant at) {
        return add(new BudgetEnvelopeSet(id, ward, fiscalYear, Yen.of(amount), new Decision(decisionId(messages.size()),
                SubjectType.WARD_BUDGET, id, ward, DecisionKind.BUDGET_ENVELOPE, DecisionOutcome.SET, reason, ADMIN, at,
                null)), at);
    }

    public BudgetStory reserved(String allocationId, String projectId, long amount, Instant at) {
        return add(new FundsReserved(id, allocationId, projectId, Yen.of(amount), at), at);
    }

    public BudgetStory released(String releaseId, String projectId, long amount, String reason, Instant at) {
        return add(new FundsReleased(id, releaseId, projectId, Yen.of(amount), reason, at), at);
    }

    public List<DomainEventMessage<?>> messages() {
        return List.copyOf(messages);
    }

    public String decisionId(int sequence) {
        return id + "-decision-" + sequence;
    }

    private BudgetStory add(Object event, Instant at) {
        int sequence = messages.size();
        messages.add(new GenericDomainEventMessage<>("WardBudget", id, sequence, event, Map.of(),
                id + "#" + sequence, at));
        return this;
    }
}
