package kyodo.ops.console;

import jakarta.validation.Validator;
import kyodo.command.meeting.web.MeetingCommandBodies;
import kyodo.command.sending.AggregateCommands;
import kyodo.command.web.ActingStaff;
import kyodo.kernel.Ward;
import kyodo.kernel.access.Actor;
import kyodo.kernel.meeting.MeetingKind;
import kyodo.query.listing.ListParameters;
import kyodo.query.meeting.MeetingListQuery;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.reactive.result.view.Rendering;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The ward's meetings and the form that schedules one. A ward member sees their ward's meetings; a
 * city-wide member chooses a ward, or the whole city (市全体, as on the inbox and the projects list):
 * every meeting, each shown with its ward, its district or the city; or the city's own meetings only
 * ({@code ward=city}, of no ward and no district, as the portal's list has them). The schedule form carries an Idempotency-Key made
 * when it was rendered, sent as the JSON API's creation sends its header: a double click or a reload
 * of the post schedules one meeting, and both land on it.
 */
@Controller
class MeetingListController {

    /** The route the API creates meetings on: the console's key is held in the same scope. */
    static final String ROUTE = "POST /api/meetings";
    private static final Pattern KEY = Pattern.compile("[0-9a-f-]{36}");

    private final MeetingSchedule schedule;
    private final AggregateCommands commands;
    private final Validator validator;

    MeetingListController(MeetingSchedule schedule, AggregateCommands commands, Validator validator) {
        this.schedule = schedule;
        this.commands = commands;
        this.validator = validator;
    }

    @GetMapping(path = "/console/meetings", produces = "text/html")
    Mono<Rendering> meetings(@RequestParam(required = false) String ward, ServerWebExchange exchange) {
        // a ward's member sees their ward whatever is asked; a city-wide member's "city" is the city's own
        boolean cityOwn = MeetingListQuery.CITY.equals(ward);
        return ConsoleView.wardList(exchange, "meetings", "/console/meetings", cityOwn ? null : ward, "sections",
                shown -> cityOwn && shown == null ? schedule.cityOwn() : schedule.of(shown), Map.of("cityOwn", cityOwn));
    }

    @GetMapping(path = "/console/meetings/new", produces = "text/html")
    Mono<Rendering> form(ServerWebExchange exchange) {
        return ActingStaff.current().flatMap(actor -> form(actor, UUID.randomUUID().toString(),
                null, exchange, HttpStatus.OK));
    }

    @PostMapping(path = "/console/meetings", produces = "text/html")
    Mono<Rendering> scheduleMeeting(ServerWebExchange exchange) {
        return FormPosts.read(exchange, (fields, actor) -> {
            FormErrors errors = new FormErrors();
            MeetingForm form = new MeetingForm(fields, errors);
            MeetingCommandBodies.Schedule body = new MeetingCommandBodies.Schedule(form.text("kind"),
                    form.text("ward"), form.text("district"), form.text("title"), form.tokyoTime("startsAt"),
                    form.tokyoTime("endsAt"), form.text("venue"), form.number("capacity"),
                    form.ticked("publicObservation"), form.lines("themes"), form.number("term"),
                    form.number("session"));
            String key = fields.getFirst("idempotencyKey");
            if (key == null || !KEY.matcher(key).matches()) {
                errors.add("idempotencyKey", "Version");
                key = UUID.randomUUID().toString();
            }
            // unreadable fields were noted first; the API's constraints speak for all the others
            errors.add(validator.validate(body));
            String usedKey = key;
            return FormPosts.send("schedule", fields.toSingleValueMap(), errors,
                    () -> commands.create(ROUTE, usedKey, body, actor, body.command()),
                    id -> "/console/meetings/" + id + "?done=schedule&minVersion=0",
                    (atLeast, outcome, status) -> form(actor, usedKey, outcome, exchange, status));
        });
    }

    /** The schedule form; a ward member's meeting is in their ward, a city-wide member's anywhere. */
    private static Mono<Rendering> form(Actor actor, String key, FormPosts.Outcome outcome,
                                        ServerWebExchange exchange, HttpStatus status) {
        Map<String, Object> model = new HashMap<>();
        FormPosts.describe(model, outcome, exchange);
        model.put("idempotencyKey", key);
        model.put("kinds", ListParameters.names(MeetingKind.class));
        model.put("wards", actor.cityWide() ? Arrays.asList(Ward.values()) : List.of(actor.ward()));
        model.put("districts", actor.cityWide() ? Arrays.asList(Ward.District.values()) : List.of());
        return ConsoleView.page(exchange, "meeting-new", "/console/meetings/new", model, status);
    }
}
