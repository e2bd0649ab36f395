package kyodo.kernel.meeting;

import kyodo.kernel.StaffRef;
import kyodo.kernel.Ward;

import java.time.Instant;
import java.util.List;

/**
 * Staff scheduled a meeting. A meeting belongs to a ward, to a district (several wards), or to
 * the whole city when both are null.
 *
 * @param meetingId         the meeting
 * @param kind              its kind
 * @param ward              its ward, or null
 * @param district          its district, or null
 * @param title             public title
 * @param startsAt          start
 * @param endsAt            end
 * @param venue             where
 * @param capacity          most participants that may register, or null for no limit
 * @param publicObservation whether the public may observe (傍聴)
 * @param themes            themes, public
 * @param term              term (期) of a ward assembly, or null
 * @param session           session number (第n回), or null
 * @param scheduledAt       when it was scheduled
 * @param scheduledBy       who
 */
public record MeetingScheduled(String meetingId, MeetingKind kind, Ward ward, Ward.District district, String title,
                               Instant startsAt, Instant endsAt, String venue, Integer capacity,
                               boolean publicObservation, List<String> themes, Integer term, Integer session,
                               Instant scheduledAt, StaffRef scheduledBy) {

    public MeetingScheduled {
        themes = themes == null ? List.of() : List.copyOf(themes);
    }
}
