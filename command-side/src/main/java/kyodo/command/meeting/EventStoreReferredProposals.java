package kyodo.command.meeting;

import kyodo.kernel.proposal.ProposalAccepted;
import kyodo.kernel.proposal.ProposalReferralWithdrawn;
import kyodo.kernel.proposal.ProposalRejected;
import kyodo.kernel.proposal.ProposalReferredToMeeting;
import kyodo.kernel.proposal.ProposalWithdrawn;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.stereotype.Component;

/**
 * Reads the proposal's event stream: it stands referred to a meeting when its last referral names
 * that meeting and no answer, withdrawal of the proposal or withdrawal of that referral came after.
 */
@Component
class EventStoreReferredProposals implements ReferredProposals {

    private final EventStore eventStore;

    EventStoreReferredProposals(EventStore eventStore) {
        this.eventStore = eventStore;
    }

    @Override
    public boolean isReferredTo(String proposalId, String meetingId) {
        if (proposalId == null || proposalId.isBlank()) {
            return false;
        }
        DomainEventStream stream = eventStore.readEvents(proposalId, 0);
        String referredTo = null;
        while (stream.hasNext()) {
            Object payload = stream.next().getPayload();
            if (payload instanceof ProposalReferredToMeeting referral) {
                referredTo = referral.meetingId();
            } else if (payload instanceof ProposalAccepted || payload instanceof ProposalRejected
                    || payload instanceof ProposalWithdrawn || payload instanceof ProposalReferralWithdrawn) {
                referredTo = null;
            }
        }
        return meetingId.equals(referredTo);
    }
}
