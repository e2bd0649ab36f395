package kyodo.command.meeting;

import kyodo.command.platform.AggregateStreams;
import kyodo.kernel.meeting.MeetingDirectory;
import kyodo.kernel.meeting.MeetingScheduled;
import org.springframework.stereotype.Component;

import java.util.Optional;

/**
 * A meeting exists when the event store holds an event stream for its id that was started by a
 * Meeting aggregate; whom it serves is in its first event. Reads the committed truth, works the same
 * on the JDBC store and Axon Server. The proposal feature asks it through the kernel's
 * {@link MeetingDirectory} (ADR 6).
 */
@Component
class EventStoreMeetingDirectory implements MeetingDirectory {

    static final String MEETING_AGGREGATE_TYPE = "Meeting";

    private final AggregateStreams streams;

    EventStoreMeetingDirectory(AggregateStreams streams) {
        this.streams = streams;
    }

    @Override
    public Optional<Reach> find(String meetingId) {
        return streams.firstEvent(meetingId)
                .filter(first -> MEETING_AGGREGATE_TYPE.equals(first.getType()))
                .map(first -> first.getPayload() instanceof MeetingScheduled scheduled
                        ? new Reach(scheduled.ward(), scheduled.district()) : Reach.CITY);
    }
}
