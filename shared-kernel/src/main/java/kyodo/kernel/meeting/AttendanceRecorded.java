package kyodo.kernel.meeting;

import kyodo.kernel.StaffRef;

import java.time.Instant;
import java.util.List;

/**
 * Staff recorded the attendance of registrants of the open meeting, alongside its headcount. A later
 * mark for the same registrant replaces the earlier one. Carries registrant ids only: names stay
 * sealed in {@link ParticipantRegistered}, and the public sees counts per nominating group.
 *
 * @param meetingId  the meeting
 * @param marks      one mark per registrant, each registrant at most once
 * @param recordedAt when
 * @param recordedBy who
 */
public record AttendanceRecorded(String meetingId, List<AttendanceMark> marks, Instant recordedAt,
                                 StaffRef recordedBy) {
}
