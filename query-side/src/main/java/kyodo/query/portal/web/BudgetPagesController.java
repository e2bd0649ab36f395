package kyodo.query.portal.web;

import kyodo.kernel.FiscalYear;
import kyodo.query.budget.WardBudgetViews;
import kyodo.query.budget.WardBudgetViews.WardBudgetYear;
import kyodo.query.dashboard.PublicDashboard;
import kyodo.query.portal.BudgetCharts;
import kyodo.query.project.ProjectViews;
import kyodo.query.web.ReadAfterWrite;
import org.springframework.context.support.ResourceBundleMessageSource;
import org.springframework.stereotype.Controller;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.reactive.result.view.Rendering;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.util.List;
import java.util.Map;

/**
 * The ward budget pages: every ward's budget of a fiscal year (what {@code /public/ward-budgets}
 * answers, the year read and validated by the same {@link WardBudgetViews#listYear}), and one ward's
 * budget of a year (what {@code /public/ward-budgets/{ward}/{fiscalYear}} answers, named by the same
 * {@link WardBudgetViews#key}) with the projects it funds.
 */
@Controller
class BudgetPagesController {

    private static final String YEAR = "fiscalYear";

    private final WardBudgetViews budgets;
    private final ProjectViews projects;
    private final PublicDashboard dashboard;
    private final ReadAfterWrite reads;
    private final ResourceBundleMessageSource messages;

    BudgetPagesController(WardBudgetViews budgets, ProjectViews projects, PublicDashboard dashboard,
                          ReadAfterWrite reads, ResourceBundleMessageSource portalMessages) {
        this.budgets = budgets;
        this.projects = projects;
        this.dashboard = dashboard;
        this.reads = reads;
        this.messages = portalMessages;
    }

    /**
     * The wards' budgets of the fiscal year asked for; without one, of this fiscal year when its
     * envelopes are set, else of the latest year that has them. The years to choose from are those the
     * public dashboard counts envelopes for.
     */
    @GetMapping(path = "/budgets", produces = "text/html")
    Mono<Rendering> year(@RequestParam MultiValueMap<String, String> params, ServerWebExchange exchange) {
        return dashboard.figures().flatMap(figures -> {
            List<Integer> years = List.copyOf(figures.wardBudgets().envelopeByFiscalYear().keySet());
            return PortalView.read(exchange, "budgets", "budgets", () -> {
                FiscalYear year = params.containsKey(YEAR) ? WardBudgetViews.listYear(params)
                        : FiscalYear.of(years.contains(figures.fiscalYear()) || years.isEmpty()
                        ? figures.fiscalYear() : years.get(years.size() - 1));
                WardBudgetYear wards = budgets.year(year);
                return Map.of("year", wards, "years", years, "chart", charts(exchange).wards(wards));
            });
        });
    }

    /** One ward's budget of a year with the projects it funds, each linked to its page. */
    @GetMapping(path = "/budgets/{ward}/{fiscalYear}", produces = "text/html")
    Mono<Rendering> budget(@PathVariable String ward, @PathVariable String fiscalYear, ServerWebExchange exchange) {
        return Mono.fromCallable(() -> WardBudgetViews.key(ward, fiscalYear))
                .flatMap(key -> reads.readDocument(() -> budgets.find(key), null,
                        "No budget envelope was set for that ward and fiscal year."))
                .map(budgets::view)
                .flatMap(view -> Mono.fromCallable(() -> projects.titles(view.projects().stream()
                                .map(WardBudgetViews.FundedProject::projectId).toList()))
                        .subscribeOn(Schedulers.boundedElastic())
                        .map(titles -> PortalView.page(exchange, "budget", "budgets",
                                Map.of("b", view, "titles", titles, "chart", charts(exchange).budget(view)))));
    }

    private BudgetCharts charts(ServerWebExchange exchange) {
        return new BudgetCharts(messages, PortalView.locale(exchange));
    }
}
