package kyodo.query.meeting;

import kyodo.kernel.meeting.AttendanceMark;
import kyodo.kernel.meeting.AttendanceStatus;
import org.bson.Document;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A meeting's registrants by id with their nominating group and latest attendance mark, from which the
 * public counts per group are made. Kept by the projection (rebuilt from a stored document's
 * {@code participants} and {@code attendanceMarks}) and by the public history's replay. Registrants no
 * group nominated and those not marked are not counted.
 */
final class AttendanceRoll {

    private final Map<String, String> groupOf = new HashMap<>();
    private final Map<String, AttendanceStatus> statusOf = new HashMap<>();

    /** The roll a stored meeting document holds. */
    static AttendanceRoll of(Document meeting) {
        AttendanceRoll roll = new AttendanceRoll();
        meeting.getList("participants", Document.class, List.of())
                .forEach(p -> roll.register(p.getString("participantId"), p.getString("nominatedBy")));
        meeting.getList("attendanceMarks", Document.class, List.of()).forEach(m -> roll.mark(List.of(
                new AttendanceMark(m.getString("registrantId"), AttendanceStatus.valueOf(m.getString("status"))))));
        return roll;
    }

    void register(String registrantId, String nominatedBy) {
        if (nominatedBy != null) {
            groupOf.put(registrantId, nominatedBy);
        }
    }

    /** A later mark of the same registrant replaces the earlier one. */
    void mark(List<AttendanceMark> marks) {
        marks.forEach(mark -> statusOf.put(mark.registrantId(), mark.status()));
    }

    /** The registrant's latest mark, or null when none was recorded. */
    AttendanceStatus statusOf(String registrantId) {
        return statusOf.get(registrantId);
    }

    /** Counts per nominating group, in group order. */
    List<GroupAttendance> byGroup() {
        Map<String, int[]> counts = new TreeMap<>();
        statusOf.forEach((registrant, status) -> {
            String group = groupOf.get(registrant);
            if (group != null) {
                counts.computeIfAbsent(group, g -> new int[AttendanceStatus.values().length])[status.ordinal()]++;
            }
        });
        return counts.entrySet().stream().map(e -> new GroupAttendance(e.getKey(),
                e.getValue()[AttendanceStatus.PRESENT.ordinal()], e.getValue()[AttendanceStatus.ABSENT.ordinal()],
                e.getValue()[AttendanceStatus.EXCUSED.ordinal()])).toList();
    }

    /** As stored in the document and served: one sub-document per group. */
    static List<Document> documents(List<GroupAttendance> counts) {
        return counts.stream().map(c -> new Document("group", c.group()).append("present", c.present())
                .append("absent", c.absent()).append("excused", c.excused())).toList();
    }

    static GroupAttendance read(Document stored) {
        return new GroupAttendance(stored.getString("group"), stored.getInteger("present", 0),
                stored.getInteger("absent", 0), stored.getInteger("excused", 0));
    }
}
