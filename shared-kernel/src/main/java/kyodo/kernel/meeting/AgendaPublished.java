package kyodo.kernel.meeting;

import kyodo.kernel.StaffRef;

import java.time.Instant;
import java.util.List;

/**
 * The meeting's agenda was published (again, replacing any earlier one).
 *
 * @param meetingId   the meeting
 * @param items       the agenda, in order
 * @param publishedAt when
 * @param publishedBy who
 */
public record AgendaPublished(String meetingId, List<AgendaItem> items, Instant publishedAt, StaffRef publishedBy) {

    public AgendaPublished {
        items = items == null ? List.of() : List.copyOf(items);
    }
}
