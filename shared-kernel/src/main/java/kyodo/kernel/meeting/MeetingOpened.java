package kyodo.kernel.meeting;

import kyodo.kernel.StaffRef;

import java.time.Instant;

/**
 * The meeting opened with the given attendance; opinions and resolutions may now be recorded.
 *
 * @param meetingId  the meeting
 * @param attendance how many attend
 * @param openedAt   when
 * @param openedBy   who
 */
public record MeetingOpened(String meetingId, int attendance, Instant openedAt, StaffRef openedBy) {
}
