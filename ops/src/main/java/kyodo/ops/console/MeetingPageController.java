package kyodo.ops.console;

import jakarta.validation.Validator;
import kyodo.command.meeting.MeetingDesk;
import kyodo.command.meeting.QuorumPolicy;
import kyodo.command.meeting.web.MeetingCommandBodies;
import kyodo.command.sending.AggregateCommands;
import kyodo.command.web.ActingStaff;
import kyodo.kernel.Ward;
import kyodo.kernel.access.Actor;
import kyodo.kernel.meeting.MeetingKind;
import kyodo.query.listing.Viewer;
import kyodo.query.meeting.MeetingViews;
import kyodo.query.meeting.MeetingViews.MeetingPublicView;
import kyodo.query.meeting.MeetingViews.MeetingStaffView;
import kyodo.query.meeting.MeetingViews.ParticipantView;
import kyodo.query.web.Blocking;
import kyodo.query.web.ReadAfterWrite;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.reactive.result.view.Rendering;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A meeting in the console: when and where, its agenda, its registrants (names opened only for staff
 * of its ward, as the staff API decides), attendance, groups and opinions, resolutions, minutes and
 * feedback, with the forms of what staff do with it. A form posts here and is handled as a proposal's
 * is ({@link ProposalPageController}): checked as the JSON API checks it (400: the page again, each
 * error beside its field), sent in-process conditional on the version the page was rendered from,
 * then a redirect to the page at the new version; a refusal (403, 409, 412) shows the meeting as it
 * stands now with the reason. The resolution form shows the quorum the command side will require.
 */
@Controller
class MeetingPageController {

    private static final String NOT_FOUND = "No meeting with that id.";
    private static final Pattern VERSION = Pattern.compile("[0-9]{1,18}");

    private final MeetingViews views;
    private final ReadAfterWrite reads;
    private final AggregateCommands commands;
    private final MeetingDesk desk;
    private final Validator validator;
    private final QuorumPolicy quorum;

    MeetingPageController(MeetingViews views, ReadAfterWrite reads, AggregateCommands commands, MeetingDesk desk,
                          Validator validator, QuorumPolicy quorum) {
        this.views = views;
        this.reads = reads;
        this.commands = commands;
        this.desk = desk;
        this.validator = validator;
        this.quorum = quorum;
    }

    @GetMapping(path = "/console/meetings/{id}", produces = "text/html")
    Mono<Rendering> meeting(@PathVariable String id, @RequestParam(required = false) String done,
                            @RequestParam(required = false) Long minVersion, ServerWebExchange exchange) {
        String shownDone = "schedule".equals(done) ? done : ConsoleAction.done(MeetingAction.class, done);
        return ActingStaff.current().flatMap(actor -> read(id, actor, minVersion)
                .flatMap(view -> page(view, actor, shownDone, null, exchange, HttpStatus.OK)));
    }

    @PostMapping(path = "/console/meetings/{id}/{action}", produces = "text/html")
    Mono<Rendering> act(@PathVariable String id, @PathVariable String action, ServerWebExchange exchange) {
        MeetingAction act = ConsoleAction.named(MeetingAction.class, action, "meeting");
        return FormPosts.read(exchange, (fields, actor) -> {
            FormErrors errors = new FormErrors();
            String version = fields.getFirst("version");
            boolean known = version != null && VERSION.matcher(version).matches();
            if (!known) {
                errors.add("version", "Version");
            }
            // the form's body may rest on what the page showed (the agenda it adds to): read it at that version
            return read(id, actor, known ? Long.parseLong(version) : null).flatMap(view -> {
                Object body = act.body(new MeetingForm(fields, errors), view.meeting());
                // unreadable fields were noted first; the API's constraints speak for all the others
                errors.add(validator.validate(act.checked(body)));
                return FormPosts.send(act.slug(), fields.toSingleValueMap(), errors,
                        () -> send(act, id, "\"" + version + "\"", actor, body),
                        newVersion -> "/console/meetings/" + id + "?done=" + act.slug() + "&minVersion=" + newVersion,
                        // a refusal shows the meeting as it stands now; a field's error, as the form saw it
                        (atLeast, outcome, status) -> (outcome.refusal() == null ? Mono.just(view)
                                : read(id, actor, atLeast)).flatMap(now -> page(now, actor, null, outcome, exchange,
                                status)));
            });
        });
    }

    private Mono<Long> send(MeetingAction act, String id, String ifMatch, Actor actor, Object body) {
        if (body instanceof MeetingCommandBodies.Registration registration) {
            MeetingCommandBodies.ParticipantBody p = registration.participant();
            return desk.register(id, ifMatch, p.personalData(), p.nominatedBy(), actor)
                    .map(MeetingDesk.Registration::version);
        }
        return commands.send(id, ifMatch, actor, act.command(body));
    }

    private Mono<MeetingStaffView> read(String id, Actor actor, Long minVersion) {
        return reads.readDocument(id, () -> views.find(id), minVersion, NOT_FOUND)
                .flatMap(doc -> Blocking.read(() -> views.staffView(doc, Viewer.of(actor))));
    }

    private Mono<Rendering> page(MeetingStaffView view, Actor actor, String done, FormPosts.Outcome outcome,
                                 ServerWebExchange exchange, HttpStatus status) {
        MeetingPublicView m = view.meeting();
        // a district's or the city's meeting is in no ward: only city-wide staff cover it, as the command side says
        boolean ownWard = actor.covers(Ward.fromCode(m.ward()).orElse(null));
        List<ParticipantView> participants = ownWard ? view.participants() : List.of();
        Map<String, Object> model = new HashMap<>();
        FormPosts.describe(model, outcome, exchange);
        model.put("m", m);
        model.put("ownWard", ownWard);
        model.put("participants", participants);
        model.put("nominatingGroups", participants.stream().map(ParticipantView::nominatedBy)
                .filter(Objects::nonNull).distinct().sorted().toList());
        model.put("actions", ownWard ? ConsoleAction.slugs(ConsoleAction.offered(MeetingAction.class, m.status()))
                : List.of());
        model.put("votesNeeded", m.attendanceAtOpening() == null ? null
                : quorum.votesNeeded(MeetingKind.valueOf(m.kind()), m.attendanceAtOpening()));
        model.put("done", done);
        return ConsoleView.page(exchange, "meeting", "/console/meetings/" + m.id(), model, status);
    }
}
