package kyodo.command.meeting;

import kyodo.kernel.meeting.AttendanceMark;
import kyodo.kernel.meeting.AttendanceStatus;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Who registered for a meeting, by registrant id, with the group that nominated each and their latest
 * attendance mark: what the meeting checks attendance and members' feedback against. Only ids and
 * public group names; the registrants' names stay sealed in their events.
 */
final class MeetingRoll {

    /** Registrant id → nominating group ("" for none). */
    private final Map<String, String> nominatedBy = new HashMap<>();
    private final Map<String, AttendanceStatus> marks = new HashMap<>();

    void register(String registrantId, String group) {
        nominatedBy.put(registrantId, group == null ? "" : group);
    }

    void mark(Collection<AttendanceMark> recorded) {
        recorded.forEach(mark -> marks.put(mark.registrantId(), mark.status()));
    }

    int registrations() {
        return nominatedBy.size();
    }

    boolean hasNominatingGroup(String group) {
        return !group.isEmpty() && nominatedBy.containsValue(group);
    }

    /** The first of those ids that never registered for this meeting. */
    Optional<String> firstUnknown(Collection<String> registrantIds) {
        return registrantIds.stream().filter(id -> !nominatedBy.containsKey(id)).findFirst();
    }

    /** The first of those ids that is not a member of that group marked present. */
    Optional<String> firstNotAttendingMemberOf(String group, Collection<String> registrantIds) {
        return registrantIds.stream().filter(id -> !Objects.equals(nominatedBy.get(id), group)
                || marks.get(id) != AttendanceStatus.PRESENT).findFirst();
    }
}
