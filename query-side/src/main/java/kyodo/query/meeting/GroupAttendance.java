package kyodo.query.meeting;

/**
 * How many members a nominating group had present, absent and excused: what the public sees of
 * attendance per registrant, never who ({@link AttendanceRoll}).
 *
 * @param group the nominating group
 */
public record GroupAttendance(String group, int present, int absent, int excused) {
}
