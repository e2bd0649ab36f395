package kyodo.command.proposal;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.stereotype.Component;

/**
 * A meeting exists when the event store holds an event stream for its id that was started by a
 * Meeting aggregate. Reads the committed truth, works the same on the JDBC store and Axon Server.
 */
@Component
class EventStoreMeetingDirectory implements MeetingDirectory {

    static final String MEETING_AGGREGATE_TYPE = "Meeting";

    private final EventStore eventStore;

    EventStoreMeetingDirectory(EventStore eventStore) {
        this.eventStore = eventStore;
    }

    @Override
    public boolean exists(String meetingId) {
        if (meetingId == null || meetingId.isBlank()) {
            return false;
        }
        DomainEventStream stream = eventStore.readEvents(meetingId, 0);
        if (!stream.hasNext()) {
            return false;
        }
        DomainEventMessage<?> first = stream.next();
        return MEETING_AGGREGATE_TYPE.equals(first.getType());
    }
}
