package kyodo.command.proposal;

import kyodo.kernel.meeting.MeetingScheduled;
import java.util.Optional;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.stereotype.Component;

/**
 * A meeting exists when the event store holds an event stream for its id that was started by a
 * Meeting aggregate; whom it serves is in its first event. Reads the committed truth, works the same on the JDBC store and Axon Server.
 */
@Component
class EventStoreMeetingDirectory implements MeetingDirectory {

    static final String MEETING_AGGREGATE_TYPE = "Meeting";

    private final EventStore eventStore;

    EventStoreMeetingDirectory(EventStore eventStore) {
        this.eventStore = eventStore;
    }

    @Override
    public Optional<Reach> find(String meetingId) {
        if (meetingId == null || meetingId.isBlank()) {
            return Optional.empty();
        }
        DomainEventStream stream = eventStore.readEvents(meetingId, 0);
        if (!stream.hasNext()) {
            return Optional.empty();
        }
        DomainEventMessage<?> first = stream.next();
        if (!MEETING_AGGREGATE_TYPE.equals(first.getType())) {
            return Optional.empty();
        }
        return Optional.of(first.getPayload() instanceof MeetingScheduled scheduled
                ? new Reach(scheduled.ward(), scheduled.district()) : Reach.CITY);
    }
}
