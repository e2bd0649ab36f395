package kyodo.query.portal.web;

import kyodo.kernel.decision.SubjectType;
import kyodo.kernel.project.ProjectProgramme;
import kyodo.query.portal.AsOf;
import kyodo.query.portal.ProjectCharts;
import kyodo.query.project.ProjectListQuery;
import kyodo.query.project.ProjectStatus;
import kyodo.query.project.ProjectViews;
import kyodo.query.project.ProjectViews.ProjectView;
import org.springframework.context.support.ResourceBundleMessageSource;
import org.springframework.stereotype.Controller;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.reactive.result.view.Rendering;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * The project pages: the list with the public API's filters and paging (read and validated by the same
 * {@link ProjectListQuery#parse}, so a bad filter is refused alike), and a project from the same public
 * view {@code /public/projects/{id}} answers, with charts of its money and targets beside their tables.
 */
@Controller
class ProjectPagesController {

    private static final SubjectPages.Subject PROJECT = new SubjectPages.Subject(SubjectType.PROJECT, "project",
            "projects", null, "No project with that id.");

    private final ProjectViews views;
    private final SubjectPages pages;
    private final ResourceBundleMessageSource messages;

    ProjectPagesController(ProjectViews views, SubjectPages pages, ResourceBundleMessageSource portalMessages) {
        this.views = views;
        this.pages = pages;
        this.messages = portalMessages;
    }

    @GetMapping(path = "/projects", produces = "text/html")
    Mono<Rendering> list(@RequestParam MultiValueMap<String, String> params, ServerWebExchange exchange) {
        return PortalView.read(exchange, "projects", "projects",
                () -> listModel(ProjectListQuery.parse(params), exchange));
    }

    /** The project as it is now, with its public history; with {@code ?asOf=}, as it stood then. */
    @GetMapping(path = "/projects/{id}", produces = "text/html")
    Mono<Rendering> project(@PathVariable String id, ServerWebExchange exchange,
                            @RequestParam(name = AsOf.PARAMETER, required = false) String asOf) {
        return pages.show(exchange, PROJECT, id, asOf, () -> views.find(id),
                document -> model(views.view(document), exchange));
    }

    private Map<String, Object> model(ProjectView view, ServerWebExchange exchange) {
        ProjectCharts charts = new ProjectCharts(messages, exchange.getLocaleContext().getLocale());
        return Map.of("pr", view,
                "moneyChart", charts.money(view.allocatedYen(), view.spentYen(), view.remainingYen()),
                "targetCharts", IntStream.range(0, view.targets().size())
                        .mapToObj(i -> charts.target(i, view.targets().get(i))).toList(),
                "targetYears", view.targets().stream().map(t -> List.copyOf(ProjectCharts.years(t))).toList());
    }

    private Map<String, Object> listModel(ProjectListQuery query, ServerWebExchange exchange) {
        Map<String, Object> model = PortalView.listFilters(query.q(), query.ward(), query.fiscalYear());
        model.put("theme", PortalView.shown(query.theme()));
        PortalView.choice(model, "status", query.status(), "statuses", ProjectStatus.class);
        PortalView.choice(model, "programme", query.programme(), "programmes", ProjectProgramme.class);
        model.put("sort", query.descending() ? "-launchedAt" : "launchedAt");
        model.put("sorts", ProjectListQuery.SORTS);
        PortalView.pager(model, exchange, views.list(query));
        return model;
    }
}
