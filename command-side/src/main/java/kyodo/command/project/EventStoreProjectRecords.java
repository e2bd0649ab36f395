package kyodo.command.project;

import kyodo.command.budget.AllocationLedger;
import kyodo.kernel.meeting.ResolutionVoted;
import kyodo.kernel.project.BudgetAllocated;
import kyodo.kernel.project.FundsReleased;
import kyodo.kernel.project.ProjectLaunched;
import kyodo.kernel.proposal.ProposalAccepted;
import kyodo.kernel.proposal.ProposalRejected;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.stereotype.Component;

import java.util.Optional;
import java.util.function.Predicate;

/** Answers from the committed event streams of proposals, meetings, budgets and projects. */
@Component
class EventStoreProjectRecords implements ProjectRecords, AllocationLedger {

    private final EventStore eventStore;

    EventStoreProjectRecords(EventStore eventStore) {
        this.eventStore = eventStore;
    }

    @Override
    public boolean proposalAccepted(String proposalId) {
        Boolean accepted = null;
        DomainEventStream stream = stream(proposalId);
        while (stream.hasNext()) {
            Object payload = stream.next().getPayload();
            if (payload instanceof ProposalAccepted) {
                accepted = true;
            } else if (payload instanceof ProposalRejected) {
                accepted = false;
            }
        }
        return Boolean.TRUE.equals(accepted);
    }

    @Override
    public boolean resolutionAdopted(String meetingId, String resolutionId) {
        return any(meetingId, p -> p instanceof ResolutionVoted r && r.resolutionId().equals(resolutionId)
                && r.adopted());
    }

    @Override
    public boolean allocationReleased(String budgetId, String allocationId) {
        return any(budgetId, p -> p instanceof FundsReleased r && r.releaseId().equals(allocationId));
    }

    @Override
    public boolean projectRecorded(String projectId, String allocationId) {
        return any(projectId, p -> p instanceof BudgetAllocated a && a.allocationId().equals(allocationId));
    }

    @Override
    public Optional<Place> placeOf(String projectId) {
        DomainEventStream stream = stream(projectId);
        if (stream.hasNext() && stream.next().getPayload() instanceof ProjectLaunched launched) {
            long version = eventStore.lastSequenceNumberFor(projectId).orElse(0L);
            return Optional.of(new Place(launched.ward(), launched.fiscalYear(), version));
        }
        return Optional.empty();
    }

    private boolean any(String aggregateId, Predicate<Object> match) {
        DomainEventStream stream = stream(aggregateId);
        while (stream.hasNext()) {
            if (match.test(stream.next().getPayload())) {
                return true;
            }
        }
        return false;
    }

    private DomainEventStream stream(String aggregateId) {
        if (aggregateId == null || aggregateId.isBlank()) {
            return DomainEventStream.empty();
        }
        return eventStore.readEvents(aggregateId, 0);
    }
}
