package kyodo.query.meeting.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import kyodo.query.meeting.MeetingListQuery;
import kyodo.query.meeting.MeetingViews.MeetingPage;
import kyodo.query.meeting.MeetingViews.MeetingPublicView;
import kyodo.query.meeting.MeetingViews.MeetingStaffView;
import kyodo.query.meeting.MeetingViews;
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


/** Reads of meetings, for staff and for the public: lists and single meetings. */
@RestController
@Tag(name = "meetings (reads)")
class MeetingQueryController extends DocumentReadController {

    private final MeetingViews views;

    MeetingQueryController(MeetingViews views, ReadAfterWrite readAfterWrite) {
        super(readAfterWrite, "No meeting with that id.");
        this.views = views;
    }

    /** The staff list and the public list answer alike (the security edge decides who may call which path). */
    @Operation(operationId = "listMeetings",
            summary = "Meetings for staff and for anyone: filtered, paged; no personal data in list items",
            description = PAGE_ANSWER + " The same page on both paths.")
    @MeetingListParameters
    @GetMapping(path = {"/api/meetings", "/public/meetings"}, produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<MeetingPage> list(@Parameter(hidden = true) @RequestParam MultiValueMap<String, String> params) {
        return page(() -> views.list(MeetingListQuery.parse(params)));
    }

    @Operation(operationId = "getMeeting", summary = "A meeting as staff see it, participants included",
            description = "Participants are opened with their own keys; an erased one shows the placeholder. "
                    + "ETag carries the meeting's version. ?minVersion=N waits up to 5 s for the read model "
                    + "to reach version N, else 503 with Retry-After.")
    @GetMapping(path = "/api/meetings/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<MeetingStaffView>> staff(
            @PathVariable String id,
            @Parameter(description = MIN_VERSION) @RequestParam(required = false) Long minVersion) {
        return documentFor(id, () -> views.find(id), minVersion, views::staffView, view -> view.meeting().version());
    }

    @Operation(operationId = "getPublicMeeting", summary = "A meeting as anyone sees it: counts, never participants",
            description = "Agenda, attendance, groups with their opinions, resolutions with their votes, minutes, "
                    + "feedback and the public timeline. ETag carries the meeting's version.")
    @GetMapping(path = "/public/meetings/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<MeetingPublicView>> publicView(@PathVariable String id) {
        return document(id, () -> views.findPublic(id), null, views::publicView, MeetingPublicView::version);
    }
}
