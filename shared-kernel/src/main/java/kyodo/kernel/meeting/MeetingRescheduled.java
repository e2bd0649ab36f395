package kyodo.kernel.meeting;

import kyodo.kernel.StaffRef;

import java.time.Instant;

/**
 * The meeting moved to another time, before it opened; the reason is public.
 *
 * @param meetingId     the meeting
 * @param startsAt      new start
 * @param endsAt        new end
 * @param reason        why
 * @param rescheduledAt when
 * @param rescheduledBy who
 */
public record MeetingRescheduled(String meetingId, Instant startsAt, Instant endsAt, String reason,
                                 Instant rescheduledAt, StaffRef rescheduledBy) {
}
