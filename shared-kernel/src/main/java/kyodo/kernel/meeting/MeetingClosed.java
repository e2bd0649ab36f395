package kyodo.kernel.meeting;

import kyodo.kernel.StaffRef;

import java.time.Instant;

/**
 * The meeting closed; minutes may now be published.
 *
 * @param meetingId  the meeting
 * @param attendance attendance at the close
 * @param closedAt   when
 * @param closedBy   who
 */
public record MeetingClosed(String meetingId, int attendance, Instant closedAt, StaffRef closedBy) {
}
