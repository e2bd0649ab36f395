package kyodo.kernel.meeting;

import kyodo.kernel.StaffRef;

import java.time.Instant;

/**
 * A discussion group formed under a theme (workshops: six groups under three themes).
 *
 * @param meetingId the meeting
 * @param number    group number, unique within the meeting
 * @param theme     the group's theme
 * @param formedAt  when
 * @param formedBy  who
 */
public record GroupFormed(String meetingId, int number, String theme, Instant formedAt, StaffRef formedBy) {
}
