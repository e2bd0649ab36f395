package kyodo.command.meeting;

import kyodo.command.access.WardTargeted;
import kyodo.kernel.StaffRef;
import kyodo.kernel.Ward;
import kyodo.kernel.meeting.MeetingKind;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;
import java.util.List;

/** Schedule a meeting of a ward, a district, or the city (both null). */
public record ScheduleMeeting(@TargetAggregateIdentifier String meetingId, MeetingKind kind, Ward ward,
                             Ward.District district, String title, Instant startsAt, Instant endsAt, String venue,
                             Integer capacity, boolean publicObservation, List<String> themes, Integer term,
                             Integer session, Instant at, StaffRef by) implements WardTargeted {
}
