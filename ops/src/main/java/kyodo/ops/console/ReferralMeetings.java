package kyodo.ops.console;

import kyodo.kernel.Ward;
import kyodo.query.listing.ListParameters;
import kyodo.query.meeting.MeetingListQuery;
import kyodo.query.meeting.MeetingStatus;
import kyodo.query.meeting.MeetingViews;
import kyodo.query.meeting.MeetingViews.MeetingListItem;
import org.springframework.stereotype.Component;

import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The meetings a proposal can be referred to, for the referral form: only those whose resolution could
 * decide it, as the Proposal aggregate decides (a meeting of the proposal's ward, of its district or of the
 * whole city, ADR 8) and that can still vote (scheduled or open), earliest first. The command side still
 * checks the meeting the form names.
 */
@Component
class ReferralMeetings {

    private final MeetingViews meetings;

    ReferralMeetings(MeetingViews meetings) {
        this.meetings = meetings;
    }

    /**
     * The meetings that can decide a proposal of that ward. Blocking. The ward's and the district's are read
     * in full (each status up to {@value ListParameters#MAX_SIZE}); city-wide ones, which no list filter
     * names, are picked from the first {@value ListParameters#MAX_SIZE} of each status.
     */
    List<MeetingListItem> of(Ward ward) {
        Map<String, MeetingListItem> found = new LinkedHashMap<>();
        for (MeetingStatus status : List.of(MeetingStatus.SCHEDULED, MeetingStatus.OPEN)) {
            list(status, "ward", ward.code()).forEach(m -> found.put(m.id(), m));
            list(status, "district", ward.district().code()).forEach(m -> found.put(m.id(), m));
            list(status, null, null).stream().filter(m -> m.ward() == null && m.district() == null)
                    .forEach(m -> found.put(m.id(), m));
        }
        return found.values().stream().sorted(Comparator.comparing(MeetingListItem::startsAt)
                .thenComparing(MeetingListItem::id)).toList();
    }

    private List<MeetingListItem> list(MeetingStatus status, String place, String code) {
        Map<String, List<String>> params = new HashMap<>();
        params.put("status", List.of(status.name()));
        params.put("sort", List.of("startsAt"));
        params.put("size", List.of(Integer.toString(ListParameters.MAX_SIZE)));
        if (place != null) {
            params.put(place, List.of(code));
        }
        return meetings.list(MeetingListQuery.parse(params)).items();
    }
}
