package kyodo.query.portal.web;

import kyodo.kernel.Ward;
import kyodo.kernel.decision.SubjectType;
import kyodo.kernel.meeting.MeetingKind;
import kyodo.query.portal.AsOf;
import kyodo.query.meeting.MeetingListQuery;
import kyodo.query.meeting.MeetingStatus;
import kyodo.query.meeting.MeetingViews;
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

    private static final SubjectPages.Subject MEETING = new SubjectPages.Subject(SubjectType.MEETING, "meeting",
            "meetings", null, "No meeting with that id.");

    private final MeetingViews views;
    private final SubjectPages pages;

    MeetingPagesController(MeetingViews views, SubjectPages pages) {
        this.views = views;
        this.pages = pages;
    }

    @GetMapping(path = "/meetings", produces = "text/html")
    Mono<Rendering> list(@RequestParam MultiValueMap<String, String> params, ServerWebExchange exchange) {
        return PortalView.read(exchange, "meetings", "meetings",
                () -> listModel(MeetingListQuery.parse(params), exchange));
    }

    /** The meeting as it is now, with its public history; with {@code ?asOf=}, as it stood then. */
    @GetMapping(path = "/meetings/{id}", produces = "text/html")
    Mono<Rendering> meeting(@PathVariable String id, ServerWebExchange exchange,
                            @RequestParam(name = AsOf.PARAMETER, required = false) String asOf) {
        return pages.show(exchange, MEETING, id, asOf, () -> views.findPublic(id),
                document -> Map.of("m", views.publicView(document)));
    }

    private Map<String, Object> listModel(MeetingListQuery query, ServerWebExchange exchange) {
        Map<String, Object> model = PortalView.listFilters(query.q(), query.ward(), query.fiscalYear());
        model.put("ward", query.wardValue());
        model.put("cityOption", true);
        model.put("district", query.district() == null ? "" : query.district().code());
        model.put("districts", Arrays.asList(Ward.District.values()));
        PortalView.choice(model, "kind", query.kind(), "kinds", MeetingKind.class);
        PortalView.choice(model, "status", query.status(), "statuses", MeetingStatus.class);
        model.put("from", PortalView.shown(query.from()));
        model.put("to", PortalView.shown(query.to()));
        model.put("sort", query.descending() ? "-startsAt" : "startsAt");
        model.put("sorts", MeetingListQuery.SORTS);
        PortalView.pager(model, exchange, views.list(query));
        return model;
    }
}
