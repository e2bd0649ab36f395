package kyodo.query.portal.web;

import kyodo.kernel.Ward;
import kyodo.kernel.decision.SubjectType;
import kyodo.kernel.meeting.MeetingKind;
import kyodo.query.listing.ListParameters;
import kyodo.query.portal.AsOf;
import kyodo.query.meeting.MeetingListQuery;
import kyodo.query.meeting.MeetingStatus;
import kyodo.query.meeting.MeetingViews.MeetingPage;
import kyodo.query.meeting.MeetingViews;
import kyodo.query.web.ReadAfterWrite;
import org.springframework.stereotype.Controller;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.reactive.result.view.Rendering;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import java.util.Arrays;
import java.util.Map;

/**
 * The meeting pages: the list with the public API's filters and paging (read and validated by the
 * same {@link MeetingListQuery#parse}, so a bad filter is refused alike), and a meeting from the same
 * public view {@code /public/meetings/{id}} answers, read from the document without its participants.
 */
@Controller
class MeetingPagesController {

    private final MeetingViews views;
    private final ReadAfterWrite reads;
    private final SubjectPages pages;

    MeetingPagesController(MeetingViews views, ReadAfterWrite reads, SubjectPages pages) {
        this.views = views;
        this.reads = reads;
        this.pages = pages;
    }

    @GetMapping(path = "/meetings", produces = "text/html")
    Mono<Rendering> list(@RequestParam MultiValueMap<String, String> params, ServerWebExchange exchange) {
        return PortalView.read(exchange, "meetings", "meetings", () -> {
            MeetingListQuery query = MeetingListQuery.parse(params);
            return listModel(query, views.list(query), exchange);
        });
    }

    /** The meeting as it is now, with its public history; with {@code ?asOf=}, as it stood then. */
    @GetMapping(path = "/meetings/{id}", produces = "text/html")
    Mono<Rendering> meeting(@PathVariable String id, ServerWebExchange exchange,
                            @RequestParam(name = AsOf.PARAMETER, required = false) String asOf) {
        return pages.show(exchange, SubjectType.MEETING, id, asOf, "meeting", "meetings",
                reads.readDocument(id, () -> views.findPublic(id), null, "No meeting with that id.")
                        .map(views::publicView).map(view -> Map.of("m", view)));
    }

    private static Map<String, Object> listModel(MeetingListQuery query, MeetingPage page,
                                                 ServerWebExchange exchange) {
        Map<String, Object> model = PortalView.listFilters(query.q(), query.ward(), query.fiscalYear());
        model.put("page", page);
        model.put("district", query.district() == null ? "" : query.district().code());
        model.put("kind", query.kind() == null ? "" : query.kind().name());
        model.put("status", query.status() == null ? "" : query.status().name());
        model.put("from", query.from() == null ? "" : query.from().toString());
        model.put("to", query.to() == null ? "" : query.to().toString());
        model.put("sort", query.descending() ? "-startsAt" : "startsAt");
        model.put("districts", Arrays.asList(Ward.District.values()));
        model.put("kinds", ListParameters.names(MeetingKind.class));
        model.put("statuses", ListParameters.names(MeetingStatus.class));
        model.put("sorts", MeetingListQuery.SORTS);
        PortalView.pager(model, exchange, page.page(), page.size(), page.total(), page.items().size());
        return model;
    }
}
