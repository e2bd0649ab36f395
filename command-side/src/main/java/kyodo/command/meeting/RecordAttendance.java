package kyodo.command.meeting;

import kyodo.kernel.StaffRef;
import kyodo.kernel.meeting.AttendanceMark;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

import java.time.Instant;
import java.util.List;

/**
 * Record whether registrants of the open meeting are present, absent or excused, by registrant id.
 * {@code expectedVersion} (from If-Match) makes it conditional; null applies it to the current
 * version.
 */
public record RecordAttendance(@TargetAggregateIdentifier String meetingId, @TargetAggregateVersion Long expectedVersion,
                               List<AttendanceMark> marks, Instant at, StaffRef by) {
}
