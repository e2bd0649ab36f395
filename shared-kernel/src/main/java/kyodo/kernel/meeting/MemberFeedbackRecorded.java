package kyodo.kernel.meeting;

import kyodo.kernel.StaffRef;

import java.time.Instant;
import java.util.List;

/**
 * What members reported back to the group that nominated them, naming which of its members who
 * attended the meeting reported (by registrant id, never by name). Feedback that names no member is
 * still a {@link FeedbackRecorded}.
 *
 * @param meetingId  the meeting
 * @param group      the nominating group
 * @param memberIds  registrant ids of the group's members marked present, each at most once
 * @param text       the feedback, public
 * @param recordedAt when
 * @param recordedBy who
 */
public record MemberFeedbackRecorded(String meetingId, String group, List<String> memberIds, String text,
                                     Instant recordedAt, StaffRef recordedBy) {
}
