package kyodo.kernel.meeting;

/**
 * One registrant's attendance, by their participant id within the meeting: never a name.
 *
 * @param registrantId the participant id given at registration ({@link ParticipantRegistered#participantId()})
 * @param status       present, absent or excused
 */
public record AttendanceMark(String registrantId, AttendanceStatus status) {
}
