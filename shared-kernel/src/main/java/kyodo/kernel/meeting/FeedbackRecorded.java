package kyodo.kernel.meeting;

import kyodo.kernel.StaffRef;

import java.time.Instant;

/**
 * What members reported back to the group that nominated them (ward assemblies).
 *
 * @param meetingId  the meeting
 * @param group      the nominating group
 * @param text       the feedback, public
 * @param recordedAt when
 * @param recordedBy who
 */
public record FeedbackRecorded(String meetingId, String group, String text, Instant recordedAt,
                               StaffRef recordedBy) {
}
