package kyodo.query.portal.web;

import kyodo.kernel.Ward;
import kyodo.kernel.proposal.ProposalStatus;
import kyodo.query.dashboard.DashboardFigures;
import kyodo.query.dashboard.PublicDashboard;
import kyodo.query.portal.LatestDecision;
import kyodo.query.proposal.ProposalListQuery;
import kyodo.query.proposal.ProposalViews;
import kyodo.query.proposal.ProposalViews.ProposalListItem;
import kyodo.query.web.Blocking;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * What the home page shows, read from the read models as the JSON API reads them: the public
 * dashboard's figures, the latest decisions with their subjects' titles and the proposals due soon,
 * for the whole city or one ward. The three reads run together, the blocking ones off the event loop.
 */
@Component
class HomeReads {

    static final int LATEST = 5;
    /** Waiting for an answer, with a due date: what "due soon" lists. */
    private static final List<ProposalStatus> AWAITING = List.of(ProposalStatus.ACKNOWLEDGED,
            ProposalStatus.REVISION_REQUESTED, ProposalStatus.REFERRED_TO_MEETING);

    private final PublicDashboard dashboard;
    private final ProposalViews proposals;
    private final SubjectTitles titles;

    HomeReads(PublicDashboard dashboard, ProposalViews proposals, SubjectTitles titles) {
        this.dashboard = dashboard;
        this.proposals = proposals;
        this.titles = titles;
    }

    /** The home page's data now, for {@code ward} (null: the whole city). */
    Mono<Home> read(Ward ward) {
        return Mono.zip(dashboard.figures(ward), Blocking.read(() -> titles.latest(LATEST)),
                        Blocking.read(() -> dueSoon(ward)))
                .map(read -> new Home(read.getT1(), read.getT2(), read.getT3()));
    }

    /**
     * The proposals awaiting an answer that are not overdue, soonest due first: each awaiting status
     * asked of the proposal list as the API would be, the answers merged. Blocking.
     */
    private List<ProposalListItem> dueSoon(Ward ward) {
        List<ProposalListItem> items = new ArrayList<>();
        for (ProposalStatus status : AWAITING) {
            // the list the API answers for ?status=…&overdue=false&sort=dueOn&size=5 (and &ward=…)
            items.addAll(proposals.first(new ProposalListQuery(ward, status, null, null, null, false, null, 0, LATEST,
                    "dueOn", false)));
        }
        return items.stream().filter(p -> p.dueOn() != null)
                .sorted(Comparator.comparing(ProposalListItem::dueOn).thenComparing(ProposalListItem::id))
                .limit(LATEST).toList();
    }

    /**
     * The home page's data; equal data (compared by value) render the same content.
     *
     * @param figures the dashboard's key figures
     * @param latest  the latest decisions, newest first
     * @param dueSoon the proposals due soon, soonest first
     */
    record Home(DashboardFigures figures, List<LatestDecision> latest, List<ProposalListItem> dueSoon) {
    }
}
