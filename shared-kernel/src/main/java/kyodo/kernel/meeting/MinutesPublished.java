package kyodo.kernel.meeting;

import kyodo.kernel.StaffRef;

import java.time.Instant;

/**
 * The minutes of a closed meeting were published (again, replacing any earlier version).
 *
 * @param meetingId   the meeting
 * @param text        the minutes, public
 * @param publishedAt when
 * @param publishedBy who
 */
public record MinutesPublished(String meetingId, String text, Instant publishedAt, StaffRef publishedBy) {
}
