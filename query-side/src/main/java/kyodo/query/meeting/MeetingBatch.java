package kyodo.query.meeting;

import kyodo.query.platform.WriteBatch;
import kyodo.query.platform.store.ReadCollection;

import java.time.Instant;

/**
 * Writes waiting for one bulkWrite, and the start of each meeting they touch as it stands after
 * them (read from the collection the first time a rescheduling needs it, then kept up to date), so
 * that a rescheduling records where it moved the meeting from.
 */
final class MeetingBatch extends WriteBatch {

    final Remembered<Instant> startsAt = remembered(doc -> doc.getDate("startsAt").toInstant(), "startsAt");
    final Remembered<AttendanceRoll> rolls = remembered(AttendanceRoll::of, "participants", "attendanceMarks");

    MeetingBatch(ReadCollection meetings) {
        super(meetings);
    }
}
