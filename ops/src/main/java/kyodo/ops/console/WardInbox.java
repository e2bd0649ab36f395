package kyodo.ops.console;

import kyodo.kernel.FiscalYear;
import kyodo.kernel.Ward;
import kyodo.kernel.proposal.ProposalStatus;
import kyodo.query.listing.ListParameters;
import kyodo.query.proposal.ProposalListQuery;
import kyodo.query.proposal.ProposalViews;
import kyodo.query.proposal.ProposalViews.ProposalListItem;
import kyodo.query.proposal.ProposalViews.ProposalPage;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A ward's inbox, read through the same {@link ProposalViews} list as {@code /api/proposals}: what
 * waits for acknowledgement, what is overdue, what is due within a week, what waits for the proposer's
 * revision and what was referred to a meeting. Each list shows its first {@value ListParameters#MAX_SIZE}
 * in the order they need attention, with the count of all of them.
 */
@Component
class WardInbox {

    static final int DUE_SOON_DAYS = 7;

    private final ProposalViews views;
    private final Clock clock;

    WardInbox(ProposalViews views, Clock clock) {
        this.views = views;
        this.clock = clock;
    }

    /**
     * One list of the inbox.
     *
     * @param name  its message key suffix and anchor
     * @param items the first ones, in the order they need attention
     * @param total   how many there are in all, or at least ({@code atLeast})
     * @param alert   whether it is shown highlighted (overdue)
     * @param atLeast whether more than {@code total} may exist (the due-soon list read only its first page)
     */
    public record Box(String name, List<ProposalListItem> items, long total, boolean alert, boolean atLeast) {

        /** Whether more exist than are listed. */
        public boolean more() {
            return atLeast || total > items.size();
        }
    }

    /** The inbox of a ward, or of the whole city (null). Blocking. */
    List<Box> of(Ward ward) {
        List<Box> boxes = new ArrayList<>();
        boxes.add(box("submitted", list(ward, Map.of("status", ProposalStatus.SUBMITTED.name(), "sort", "submittedAt")),
                false));
        boxes.add(box("overdue", list(ward, Map.of("overdue", "true", "sort", "dueOn")), true));
        boxes.add(dueSoon(ward));
        boxes.add(box("revision", list(ward, Map.of("status", ProposalStatus.REVISION_REQUESTED.name(),
                "sort", "submittedAt")), false));
        boxes.add(box("referred", list(ward, Map.of("status", ProposalStatus.REFERRED_TO_MEETING.name(),
                "sort", "submittedAt")), false));
        return boxes;
    }

    /**
     * Acknowledged, not overdue, due within {@value #DUE_SOON_DAYS} days (Tokyo): the earliest due first,
     * read along the due-soon order until the first that is due later.
     */
    private Box dueSoon(Ward ward) {
        LocalDate last = LocalDate.now(clock.withZone(FiscalYear.TOKYO)).plusDays(DUE_SOON_DAYS);
        ProposalPage page = list(ward, Map.of("status", ProposalStatus.ACKNOWLEDGED.name(), "overdue", "false",
                "sort", "dueOn"));
        List<ProposalListItem> due = page.items().stream()
                .takeWhile(item -> item.dueOn() != null && !item.dueOn().isAfter(last)).toList();
        boolean cut = due.size() == page.items().size() && page.total() > page.items().size();
        return new Box("dueSoon", due, due.size(), false, cut);
    }

    private ProposalPage list(Ward ward, Map<String, String> filters) {
        Map<String, List<String>> params = new HashMap<>();
        filters.forEach((name, value) -> params.put(name, List.of(value)));
        params.put("size", List.of(Integer.toString(ListParameters.MAX_SIZE)));
        if (ward != null) {
            params.put("ward", List.of(ward.code()));
        }
        return views.list(ProposalListQuery.parse(params));
    }

    private static Box box(String name, ProposalPage page, boolean alert) {
        return new Box(name, page.items(), page.total(), alert, false);
    }
}
