package kyodo.query.portal.web;

import kyodo.kernel.FiscalYear;
import kyodo.kernel.Ward;
import kyodo.kernel.problem.CommonProblems;
import kyodo.kernel.problem.KyodoProblemException;
import kyodo.kernel.proposal.ProposalStatus;
import kyodo.query.dashboard.DashboardFigures;
import kyodo.query.dashboard.PublicDashboard;
import kyodo.query.portal.HomeCharts;
import kyodo.query.portal.LatestDecision;
import kyodo.query.proposal.ProposalListQuery;
import kyodo.query.proposal.ProposalViews.ProposalListItem;
import kyodo.query.proposal.ProposalViews;
import org.springframework.context.support.ResourceBundleMessageSource;
import org.springframework.stereotype.Controller;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.reactive.result.view.Rendering;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The home page (the public dashboard's key figures as charts with tables, the latest decisions,
 * the proposals due soon; for the whole city or one ward) and the accessibility statement.
 */
@Controller
class HomeController {

    static final int LATEST = 5;
    /** Waiting for an answer, with a due date: what "due soon" lists. */
    private static final List<ProposalStatus> AWAITING = List.of(ProposalStatus.ACKNOWLEDGED,
            ProposalStatus.REVISION_REQUESTED, ProposalStatus.REFERRED_TO_MEETING);
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final PublicDashboard dashboard;
    private final ProposalViews proposals;
    private final SubjectTitles titles;
    private final ResourceBundleMessageSource messages;
    private final RenderedParts parts;
    private final KeptWhileUnwritten unwritten;
    private final Clock clock;

    HomeController(PublicDashboard dashboard, ProposalViews proposals, SubjectTitles titles,
                   ResourceBundleMessageSource portalMessages, RenderedParts parts, KeptWhileUnwritten unwritten,
                   Clock clock) {
        this.dashboard = dashboard;
        this.proposals = proposals;
        this.titles = titles;
        this.messages = portalMessages;
        this.parts = parts;
        this.unwritten = unwritten;
        this.clock = clock;
    }

    @GetMapping(path = "/", produces = "text/html")
    Mono<Rendering> home(@RequestParam MultiValueMap<String, String> params, ServerWebExchange exchange) {
        return Mono.fromCallable(() -> PublicDashboard.ward(params))
                .flatMap(ward -> {
                    Ward chosen = ward.orElse(null);
                    String lang = PortalView.locale(exchange).getLanguage();
                    // the content depends on the read models, and on today only through the fiscal year
                    return unwritten.content(List.of("home", chosen == null ? "" : chosen.code(), lang),
                                    FiscalYear.containing(clock.instant()), () -> read(exchange, chosen))
                            .map(main -> PortalView.page(exchange, "home", "home", Map.of("mainPart", main)));
                }).timeout(TIMEOUT, Mono.error(() -> new KyodoProblemException(CommonProblems.UNAVAILABLE,
                        "The home page's figures took too long; try again shortly.")));
    }

    /** The page's content read from the read models now: figures, latest decisions, due soon. */
    private Mono<String> read(ServerWebExchange exchange, Ward chosen) {
        Mono<DashboardFigures> figures = dashboard.figures(chosen);
        Mono<List<LatestDecision>> latest = Mono.fromCallable(() -> titles.latest(LATEST))
                .subscribeOn(Schedulers.boundedElastic());
        Mono<List<ProposalListItem>> dueSoon = Mono.fromCallable(() -> dueSoon(chosen))
                .subscribeOn(Schedulers.boundedElastic());
        return Mono.zip(figures, latest, dueSoon)
                .map(read -> main(exchange, chosen, read.getT1(), read.getT2(), read.getT3()));
    }

    /**
     * The page's content, rendered once per figures, decisions, proposals due soon and language
     * ({@link RenderedParts}): the figures are the dashboard's, kept until a read model moves, so most
     * visitors share a rendering.
     */
    private String main(ServerWebExchange exchange, Ward chosen, DashboardFigures f, List<LatestDecision> latest,
                        List<ProposalListItem> dueSoon) {
        String code = chosen == null ? "" : chosen.code();
        return parts.render(exchange, "rendered-home", "homeMain", List.of(code, f, latest, dueSoon), () -> {
            HomeCharts charts = new HomeCharts(messages, PortalView.locale(exchange));
            return Map.ofEntries(
                    Map.entry("ward", code),
                    Map.entry("wardName", chosen == null ? "" : english(exchange) ? chosen.nameEn() : chosen.nameJa()),
                    Map.entry("wards", Arrays.asList(Ward.values())),
                    Map.entry("figures", f),
                    Map.entry("proposalChart", charts.proposals(f.proposals().allTime())),
                    Map.entry("projectChart", charts.projectsByYear(f.projects().byFiscalYear())),
                    Map.entry("programmes", HomeCharts.programmes()),
                    Map.entry("budgetChart", charts.envelopes(f.wardBudgets().envelopeByFiscalYear())),
                    Map.entry("meetingChart", charts.participants(f.meetings())),
                    Map.entry("decisionChart", charts.decisions(f.decisions().byOutcome())),
                    Map.entry("latest", latest),
                    Map.entry("dueSoon", dueSoon));
        });
    }

    @GetMapping(path = "/accessibility", produces = "text/html")
    Rendering accessibility(ServerWebExchange exchange) {
        return PortalView.page(exchange, "accessibility", "accessibility", Map.of());
    }

    private static boolean english(ServerWebExchange exchange) {
        return "en".equals(exchange.getLocaleContext().getLocale().getLanguage());
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
}
