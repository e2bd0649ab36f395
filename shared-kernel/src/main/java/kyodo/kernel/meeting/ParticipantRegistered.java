package kyodo.kernel.meeting;

import kyodo.kernel.StaffRef;
import kyodo.kernel.personal.SealedPersonalData;

import java.time.Instant;

/**
 * A participant registered for the meeting. Name and affiliation are personal data and travel
 * sealed; the nominating group (for ward-assembly members) is public, so that feedback to it can
 * be recorded.
 *
 * @param meetingId     the meeting
 * @param participantId the participant's id within the meeting
 * @param participant   name and affiliation, sealed ({@link Participant})
 * @param nominatedBy   the group that nominated them, or null
 * @param registeredAt  when
 * @param registeredBy  who recorded it
 */
public record ParticipantRegistered(String meetingId, String participantId, SealedPersonalData participant,
                                    String nominatedBy, Instant registeredAt, StaffRef registeredBy) {
}
