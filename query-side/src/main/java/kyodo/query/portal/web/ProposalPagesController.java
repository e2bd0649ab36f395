package kyodo.query.portal.web;

import kyodo.kernel.decision.SubjectType;
import kyodo.kernel.proposal.ProposalProgramme;
import kyodo.kernel.proposal.ProposalStatus;
import kyodo.query.listing.ListParameters;
import kyodo.query.portal.AsOf;
import kyodo.query.proposal.ProposalListQuery;
import kyodo.query.proposal.ProposalViews.ProposalPage;
import kyodo.query.proposal.ProposalViews;
import kyodo.query.web.ReadAfterWrite;
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

    private final ProposalViews views;
    private final ReadAfterWrite reads;
    private final SubjectPages pages;
    private final RenderedParts parts;

    ProposalPagesController(ProposalViews views, ReadAfterWrite reads, SubjectPages pages, RenderedParts parts) {
        this.views = views;
        this.reads = reads;
        this.pages = pages;
        this.parts = parts;
    }

    @GetMapping(path = "/proposals", produces = "text/html")
    Mono<Rendering> list(@RequestParam MultiValueMap<String, String> params, ServerWebExchange exchange) {
        return PortalView.read(exchange, "proposals", "proposals", () -> {
            ProposalListQuery query = ProposalListQuery.parse(params);
            ProposalPage page = views.list(query);
            // the content, rendered once per model and language (RenderedParts)
            return Map.of("mainPart", parts.main(exchange, "proposalsMain", listModel(query, page, exchange)));
        });
    }

    /** The proposal as it is now, with its public history; with {@code ?asOf=}, as it stood then. */
    @GetMapping(path = "/proposals/{id}", produces = "text/html")
    Mono<Rendering> proposal(@PathVariable String id, ServerWebExchange exchange,
                             @RequestParam(name = AsOf.PARAMETER, required = false) String asOf) {
        return pages.show(exchange, SubjectType.PROPOSAL, id, asOf, "proposal", "proposals", "proposalMain",
                reads.readDocument(id, () -> views.find(id), null, "No proposal with that id.")
                        .map(views::publicView).map(view -> Map.<String, Object>of("p", view, "cityWideSupport",
                                ProposalProgramme.valueOf(view.programme()).cityWideSupport())));
    }

    private static Map<String, Object> listModel(ProposalListQuery query, ProposalPage page,
                                                 ServerWebExchange exchange) {
        Map<String, Object> model = PortalView.listFilters(query.q(), query.ward(), query.fiscalYear());
        model.put("page", page);
        model.put("query", query);
        model.put("theme", query.theme() == null ? "" : query.theme());
        model.put("status", query.status() == null ? "" : query.status().name());
        model.put("programme", query.programme() == null ? "" : query.programme().name());
        model.put("overdue", query.overdue() == null ? "" : query.overdue().toString());
        model.put("sort", (query.descending() ? "-" : "") + query.sortField());
        model.put("statuses", ListParameters.names(ProposalStatus.class));
        model.put("programmes", ListParameters.names(ProposalProgramme.class));
        model.put("sorts", ProposalListQuery.SORTS);
        PortalView.pager(model, exchange, page.page(), page.size(), page.total(), page.items().size());
        return model;
    }
}
