package kyodo.query.proposal.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import kyodo.query.proposal.ProposalListQuery;
import kyodo.query.proposal.ProposalViews.ProposalPage;
import kyodo.query.proposal.ProposalViews.ProposalPublicView;
import kyodo.query.proposal.ProposalViews.ProposalStaffView;
import kyodo.query.proposal.ProposalViews;
import kyodo.query.web.DocumentReadController;
import kyodo.query.web.ReadAfterWrite;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;


/** Reads of proposals, for staff and for the public: lists and single proposals. */
@RestController
@Tag(name = "proposals (reads)")
class ProposalQueryController extends DocumentReadController {

    private final ProposalViews views;

    ProposalQueryController(ProposalViews views, ReadAfterWrite readAfterWrite) {
        super(readAfterWrite, "No proposal with that id.");
        this.views = views;
    }

    /** The staff list and the public list answer alike (the security edge decides who may call which path). */
    @Operation(operationId = "listProposals",
            summary = "Proposals for staff and for anyone: filtered, paged; no personal data in list items",
            description = PAGE_ANSWER + " The same page on both paths.")
    @ProposalListParameters
    @GetMapping(path = {"/api/proposals", "/public/proposals"}, produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ProposalPage> list(@Parameter(hidden = true) @RequestParam MultiValueMap<String, String> params) {
        return page(() -> views.list(ProposalListQuery.parse(params)));
    }

    @Operation(operationId = "getProposal", summary = "A proposal as staff see it, proposer included",
            description = "ETag carries the proposal's version. ?minVersion=N waits up to 5 s for the read model "
                    + "to reach version N, else 503 with Retry-After.")
    @GetMapping(path = "/api/proposals/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<ProposalStaffView>> staff(
            @PathVariable String id,
            @Parameter(description = MIN_VERSION) @RequestParam(required = false) Long minVersion) {
        return documentFor(id, () -> views.find(id), minVersion, views::staffView, view -> view.proposal().version());
    }

    @Operation(operationId = "getPublicProposal", summary = "A proposal as anyone sees it: no personal data")
    @GetMapping(path = "/public/proposals/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<ProposalPublicView>> publicView(@PathVariable String id) {
        return document(id, () -> views.find(id), null, views::publicView, ProposalPublicView::version);
    }
}
