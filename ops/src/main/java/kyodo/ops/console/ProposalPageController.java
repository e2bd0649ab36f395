package kyodo.ops.console;

import jakarta.validation.Validator;
import kyodo.command.sending.AggregateCommands;
import kyodo.command.web.ActingStaff;
import kyodo.kernel.Ward;
import kyodo.kernel.access.Actor;
import kyodo.query.listing.Viewer;
import kyodo.query.meeting.MeetingViews.MeetingListItem;
import kyodo.query.proposal.ProposalViews;
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

/**
 * A proposal in the console: its state and timeline, the proposer (opened only for staff of its ward,
 * as the staff API decides) and the forms of what staff do with it. A form posts here; its fields are
 * checked as the JSON API checks them (400: the page again, each error beside its field), then the
 * command goes to the command side in-process, conditional on the version the page was rendered from.
 * Success redirects to the page at the new version (read your own writes); a refusal (403 other ward,
 * 409 a rule, 412 changed meanwhile) shows the page as it stands now with the reason, in its language.
 */
@Controller
class ProposalPageController {

    private static final String NOT_FOUND = "No proposal with that id.";

    private final ProposalViews views;
    private final ReadAfterWrite reads;
    private final AggregateCommands commands;
    private final Validator validator;
    private final ReferralMeetings referralMeetings;

    ProposalPageController(ProposalViews views, ReadAfterWrite reads, AggregateCommands commands,
                           Validator validator, ReferralMeetings referralMeetings) {
        this.views = views;
        this.reads = reads;
        this.commands = commands;
        this.validator = validator;
        this.referralMeetings = referralMeetings;
    }

    @GetMapping(path = "/console/proposals/{id}", produces = "text/html")
    Mono<Rendering> proposal(@PathVariable String id, @RequestParam(required = false) String done,
                             @RequestParam(required = false) Long minVersion, ServerWebExchange exchange) {
        String shownDone = ConsoleAction.done(ProposalAction.class, done);
        return ActingStaff.current().flatMap(actor -> show(id, actor, minVersion, shownDone, null, exchange,
                HttpStatus.OK));
    }

    @PostMapping(path = "/console/proposals/{id}/{action}", produces = "text/html")
    Mono<Rendering> act(@PathVariable String id, @PathVariable String action, ServerWebExchange exchange) {
        ProposalAction act = ConsoleAction.named(ProposalAction.class, action, "proposal");
        return FormPosts.act(exchange, act.slug(), validator, (fields, errors) -> act.body(fields.toSingleValueMap(), errors),
                (actor, ifMatch, body) -> commands.send(id, ifMatch, actor, act.command(body)),
                version -> "/console/proposals/" + id + "?done=" + act.slug() + "&minVersion=" + version,
                actor -> (minVersion, outcome, status) -> show(id, actor, minVersion, null, outcome, exchange, status));
    }

    private Mono<Rendering> show(String id, Actor actor, Long minVersion, String done, FormPosts.Outcome outcome,
                                 ServerWebExchange exchange, HttpStatus status) {
        return reads.readDocument(id, () -> views.find(id), minVersion, NOT_FOUND)
                .flatMap(doc -> Blocking.read(() -> views.staffView(doc, Viewer.of(actor))))
                .flatMap(view -> {
                    ProposalViews.ProposalPublicView p = view.proposal();
                    Ward ward = Ward.fromCode(p.ward()).orElse(null);
                    boolean ownWard = actor.covers(ward);
                    List<String> actions = ownWard
                            ? ConsoleAction.slugs(ConsoleAction.offered(ProposalAction.class, p.status())) : List.of();
                    Mono<List<MeetingListItem>> meetings = ward != null
                            && actions.contains(ProposalAction.REFERRAL.slug())
                            ? Blocking.read(() -> referralMeetings.of(ward)) : Mono.just(List.of());
                    return meetings.flatMap(canDecide -> {
                        Map<String, Object> model = new HashMap<>();
                        model.put("p", p);
                        model.put("proposer", view.proposer());
                        model.put("ownWard", ownWard);
                        model.put("actions", actions);
                        model.put("meetings", canDecide);
                        model.put("done", done);
                        FormPosts.describe(model, outcome, exchange);
                        return ConsoleView.page(exchange, "proposal", "/console/proposals/" + id, model, status);
                    });
                });
    }
}
