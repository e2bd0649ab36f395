package kyodo.kernel.meeting;

import kyodo.kernel.StaffRef;

import java.time.Instant;

/**
 * The meeting was cancelled before it opened; the reason is public.
 *
 * @param meetingId   the meeting
 * @param reason      why
 * @param cancelledAt when
 * @param cancelledBy who
 */
public record MeetingCancelled(String meetingId, String reason, Instant cancelledAt, StaffRef cancelledBy) {
}
