package kyodo.ops.console;

import kyodo.kernel.Ward;
import kyodo.query.listing.ListParameters;
import kyodo.query.meeting.MeetingListQuery;
import kyodo.query.meeting.MeetingStatus;
import kyodo.query.meeting.MeetingViews;
import kyodo.query.meeting.MeetingViews.MeetingListItem;
import kyodo.query.meeting.MeetingViews.MeetingPage;
import org.springframework.stereotype.Component;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A ward's meetings for the console, read through the same {@link MeetingViews} list as
 * {@code /api/meetings}: those in session, then those to come (the next first), then those held and
 * those cancelled (the latest first). Each section shows its first {@value ListParameters#MAX_SIZE}
 * with the count of all of them.
 */
@Component
class MeetingSchedule {

    private final MeetingViews views;

    MeetingSchedule(MeetingViews views) {
        this.views = views;
    }

    /**
     * One section of the list.
     *
     * @param name  its message key suffix and anchor (the status, in lower case)
     * @param items the first ones, in the section's order
     * @param total how many there are in all
     */
    public record Section(String name, List<MeetingListItem> items, long total) {

        /** Whether more exist than are listed. */
        public boolean more() {
            return total > items.size();
        }
    }

    /** The meetings of a ward, or of the whole city (null: every meeting). Blocking. */
    List<Section> of(Ward ward) {
        return sections(ward == null ? null : ward.code());
    }

    /** The city's own meetings, of no ward and no district ({@code ward=city}). Blocking. */
    List<Section> cityOwn() {
        return sections(MeetingListQuery.CITY);
    }

    /** @param ward the list's {@code ward} parameter, or null for every meeting */
    private List<Section> sections(String ward) {
        return List.of(section(ward, MeetingStatus.OPEN, "startsAt"), section(ward, MeetingStatus.SCHEDULED, "startsAt"),
                section(ward, MeetingStatus.CLOSED, "-startsAt"), section(ward, MeetingStatus.CANCELLED, "-startsAt"));
    }

    private Section section(String ward, MeetingStatus status, String sort) {
        Map<String, List<String>> params = new HashMap<>();
        params.put("status", List.of(status.name()));
        params.put("sort", List.of(sort));
        params.put("size", List.of(Integer.toString(ListParameters.MAX_SIZE)));
        if (ward != null) {
            params.put("ward", List.of(ward));
        }
        MeetingPage page = views.list(MeetingListQuery.parse(params));
        return new Section(status.name().toLowerCase(java.util.Locale.ROOT), page.items(), page.total());
    }
}
