package kyodo.query.portal.web;

import kyodo.kernel.decision.SubjectType;
import kyodo.kernel.proposal.ProposalProgramme;
import kyodo.kernel.proposal.ProposalStatus;
import kyodo.query.portal.AsOf;
import kyodo.query.proposal.ProposalListQuery;
import kyodo.query.proposal.ProposalViews;
import kyodo.query.proposal.ProposalViews.ProposalPublicView;
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

/**
 * The proposal pages: the list with the public API's filters, search, order and paging (read and
 * validated by the same {@link ProposalListQuery#parse}, so a bad filter is refused alike), and a
 * proposal with its timeline, from the same public view the API answers.
 */
@Controller
class ProposalPagesController {

    private static final SubjectPages.Subject PROPOSAL = new SubjectPages.Subject(SubjectType.PROPOSAL, "proposal",
            "proposals", "proposalMain", "No proposal with that id.");

    private final ProposalViews views;
    private final SubjectPages pages;
    private final RenderedParts parts;

    ProposalPagesController(ProposalViews views, SubjectPages pages, RenderedParts parts) {
        this.views = views;
        this.pages = pages;
        this.parts = parts;
    }

    @GetMapping(path = "/proposals", produces = "text/html")
    Mono<Rendering> list(@RequestParam MultiValueMap<String, String> params, ServerWebExchange exchange) {
        // the content, rendered once per model and language (RenderedParts)
        return PortalView.read(exchange, "proposals", "proposals", () -> Map.of("mainPart",
                parts.main(exchange, "proposalsMain", listModel(ProposalListQuery.parse(params), exchange))));
    }

    /** The proposal as it is now, with its public history; with {@code ?asOf=}, as it stood then. */
    @GetMapping(path = "/proposals/{id}", produces = "text/html")
    Mono<Rendering> proposal(@PathVariable String id, ServerWebExchange exchange,
                             @RequestParam(name = AsOf.PARAMETER, required = false) String asOf) {
        return pages.show(exchange, PROPOSAL, id, asOf, () -> views.find(id), document -> {
            ProposalPublicView view = views.publicView(document);
            return Map.of("p", view, "cityWideSupport", ProposalProgramme.valueOf(view.programme()).cityWideSupport());
        });
    }

    private Map<String, Object> listModel(ProposalListQuery query, ServerWebExchange exchange) {
        Map<String, Object> model = PortalView.listFilters(query.q(), query.ward(), query.fiscalYear());
        model.put("query", query);
        model.put("theme", PortalView.shown(query.theme()));
        PortalView.choice(model, "status", query.status(), "statuses", ProposalStatus.class);
        PortalView.choice(model, "programme", query.programme(), "programmes", ProposalProgramme.class);
        model.put("overdue", PortalView.shown(query.overdue()));
        model.put("sort", (query.descending() ? "-" : "") + query.sortField());
        model.put("sorts", ProposalListQuery.SORTS);
        PortalView.pager(model, exchange, views.list(query));
        return model;
    }
}
