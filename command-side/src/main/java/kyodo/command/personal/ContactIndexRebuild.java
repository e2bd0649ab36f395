package kyodo.command.personal;

import kyodo.kernel.meeting.Participant;
import kyodo.kernel.meeting.ParticipantRegistered;
import kyodo.kernel.personal.ContactIndex;
import kyodo.kernel.personal.IndexedSubject;
import kyodo.kernel.personal.PersonalDataProtector;
import kyodo.kernel.personal.SealedPersonalData;
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
import java.time.Instant;
import java.util.Optional;
import java.util.function.Function;

/**
 * Indexes, once, the subjects sealed before the contact index existed: reads the event store from
 * its start to its head as it stands at start-up, opens each proposer and participant still
 * readable and enters them (erased ones stay out: there is nothing left to find). Subjects sealed since are indexed when
 * they are sealed, so the pass is never needed again; until it is done, looking a person up answers
 * 503. Proposers and participants are indexed; those who gave no contact cannot be found by one.
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
                    if (index(event)) {
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
        log.info("Contact index: {} subjects sealed before it existed were indexed.", indexed);
    }

    /** Enters a subject the event sealed, unless indexed already or erased; whether it did. */
    private boolean index(TrackedEventMessage<?> event) {
        if (ProposalSubmitted.class.equals(event.getPayloadType())) {
            ProposalSubmitted submitted = (ProposalSubmitted) event.getPayload();
            return index(submitted.proposer(), Proposer.class, Proposer::contact,
                    IndexedSubject.proposer(submitted.proposer().subjectId(), submitted.proposalId()),
                    submitted.submittedAt());
        }
        if (ParticipantRegistered.class.equals(event.getPayloadType())) {
            ParticipantRegistered registered = (ParticipantRegistered) event.getPayload();
            return index(registered.participant(), Participant.class, Participant::contact,
                    IndexedSubject.participant(registered.participant().subjectId(), registered.meetingId()),
                    registered.registeredAt());
        }
        return false;
    }

    private <T> boolean index(SealedPersonalData sealed, Class<T> type, Function<T, String> contact,
                              IndexedSubject subject, Instant at) {
        if (index.contains(sealed.subjectId())) {
            return false;
        }
        Optional<T> opened = protector.open(sealed, type);
        opened.ifPresent(value -> index.record(subject, contact.apply(value), at));
        return opened.isPresent();
    }
}
