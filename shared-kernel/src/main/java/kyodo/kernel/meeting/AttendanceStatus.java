package kyodo.kernel.meeting;

/** Whether a registrant attended the meeting. New values may be added; none is renamed or removed. */
public enum AttendanceStatus {
    PRESENT, ABSENT, EXCUSED
}
