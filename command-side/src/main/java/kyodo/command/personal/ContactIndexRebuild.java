package kyodo.command.personal;

import kyodo.kernel.personal.ContactIndex;
import kyodo.kernel.personal.IndexedSubject;
import kyodo.kernel.personal.PersonalDataProtector;
import kyodo.kernel.proposal.ProposalSubmitted;
import kyodo.kernel.proposal.Proposer;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.util.Optional;

/**
 * Indexes, once, the subjects sealed before the contact index existed: reads the event store from
 * its start to its head as it stands at start-up, opens each proposer still readable and enters
 * them (erased ones stay out: there is nothing left to find). Subjects sealed since are indexed when
 * they are sealed, so the pass is never needed again; until it is done, looking a person up answers
 * 503. Proposers only: a participant's registration carries no contact.
 */
@Component
class ContactIndexRebuild {

    private static final Logger log = LoggerFactory.getLogger(ContactIndexRebuild.class);

    private final ContactIndex index;
    private final EventStore events;
    private final PersonalDataProtector protector;
    private final Clock clock;

    ContactIndexRebuild(ContactIndex index, EventStore events, PersonalDataProtector protector, Clock clock) {
        this.index = index;
        this.events = events;
        this.protector = protector;
        this.clock = clock;
    }

    @EventListener(ApplicationReadyEvent.class)
    void rebuildOnce() {
        if (index.rebuilt()) {
            return;
        }
        TrackingToken headToken = events.createHeadToken();
        long head = headToken == null ? -1 : headToken.position().orElse(-1);
        int indexed = 0;
        if (head >= 0) {
            try (BlockingStream<TrackedEventMessage<?>> stream = events.openStream(null)) {
                TrackedEventMessage<?> event;
                do {
                    event = stream.nextAvailable();
                    if (ProposalSubmitted.class.equals(event.getPayloadType())
                            && index(((ProposalSubmitted) event.getPayload()))) {
                        indexed++;
                    }
                    // by position: a token with gaps never "covers" a head token without them
                } while (event.trackingToken().position().orElse(-1) < head);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while indexing the contacts of earlier proposals", e);
            }
        }
        index.markRebuilt(clock.instant());
        log.info("Contact index: {} proposers sealed before it existed were indexed.", indexed);
    }

    /** Enters a proposer not yet indexed whose data still opens; whether it did. */
    private boolean index(ProposalSubmitted submitted) {
        String subjectId = submitted.proposer().subjectId();
        if (index.contains(subjectId)) {
            return false;
        }
        Optional<Proposer> proposer = protector.open(submitted.proposer(), Proposer.class);
        proposer.ifPresent(p -> index.record(IndexedSubject.proposer(subjectId, submitted.proposalId()),
                p.contact(), submitted.submittedAt()));
        return proposer.isPresent();
    }
}
