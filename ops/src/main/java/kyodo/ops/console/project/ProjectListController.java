package kyodo.ops.console.project;

import jakarta.validation.Validator;
import kyodo.command.project.web.ProjectCommandBodies;
import kyodo.command.sending.AggregateCommands;
import kyodo.command.web.ActingStaff;
import kyodo.kernel.FiscalYear;
import kyodo.kernel.Ward;
import kyodo.kernel.access.Actor;
import kyodo.kernel.project.ProjectProgramme;
import kyodo.ops.console.ConsoleView;
import kyodo.ops.console.FormErrors;
import kyodo.ops.console.FormPosts;
import kyodo.query.listing.ListParameters;
import kyodo.query.project.ProjectListQuery;
import kyodo.query.project.ProjectStatus;
import kyodo.query.project.ProjectViews;
import kyodo.query.project.ProjectViews.ProjectPage;
import kyodo.query.web.Blocking;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.reactive.result.view.Rendering;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import java.time.Clock;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The ward's projects by state, and the form that launches one from an accepted proposal, an adopted
 * resolution or the department's own initiative. A launch is a creation: the form carries an
 * Idempotency-Key of its own, drawn when the page is rendered, so a double click or a resent form launches
 * one project (the same one is answered again).
 */
@Controller
class ProjectListController {

    /** The route whose Idempotency-Keys a launch shares with the JSON API's. */
    private static final String ROUTE = "POST /api/projects";
    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9-]{1,64}");

    private final ProjectViews projects;
    private final LaunchOrigins origins;
    private final AggregateCommands commands;
    private final Validator validator;
    private final Clock clock;

    ProjectListController(ProjectViews projects, LaunchOrigins origins, AggregateCommands commands,
                          Validator validator, Clock clock) {
        this.projects = projects;
        this.origins = origins;
        this.commands = commands;
        this.validator = validator;
        this.clock = clock;
    }

    /** One state's list: the first ones, latest launch first, and how many there are in all. */
    public record Box(String status, ProjectPage page) {
    }

    @GetMapping(path = "/console/projects", produces = "text/html")
    Mono<Rendering> projects(@RequestParam(required = false) String ward, ServerWebExchange exchange) {
        return ActingStaff.current().flatMap(actor -> show(actor, ConsoleView.wardOf(actor, ward), null,
                exchange, HttpStatus.OK));
    }

    @PostMapping(path = "/console/projects", produces = "text/html")
    Mono<Rendering> launch(ServerWebExchange exchange) {
        return FormPosts.read(exchange, (fields, actor) -> {
            Map<String, String> form = fields.toSingleValueMap();
            FormErrors errors = new FormErrors();
            ProjectCommandBodies.Launch body = new ProjectCommandBodies.Launch(
                    actor.cityWide() ? FormPosts.text(form, "ward") : actor.ward().code(), errors.wholeNumber(form, "fiscalYear"),
                    FormPosts.text(form, "title"), FormPosts.text(form, "theme"), FormPosts.text(form, "programme"),
                    LaunchOrigins.origin(form.get("origin"), errors), FormPosts.text(form, "leadDepartment"));
            errors.check(body, validator);
            String key = form.get("idempotencyKey");
            if (key == null || !KEY.matcher(key).matches()) {
                errors.add("idempotencyKey", "Version");
            }
            Ward shown = actor.cityWide() ? Ward.fromCode(form.get("ward")).orElse(null) : actor.ward();
            return FormPosts.send("launch", form, errors, () -> commands.create(ROUTE, key, body, actor, body.command()),
                    id -> "/console/projects/" + id + "?done=launch&minVersion=0",
                    (minVersion, outcome, status) -> show(actor, shown, outcome, exchange, status));
        });
    }

    private Mono<Rendering> show(Actor actor, Ward ward, FormPosts.Outcome outcome, ServerWebExchange exchange,
                                 HttpStatus status) {
        return Blocking.read(() -> {
            Map<String, Object> model = new HashMap<>();
            model.put("boxes", Arrays.stream(ProjectStatus.values()).map(s -> new Box(s.name(), list(ward, s))).toList());
            model.put("proposals", origins.acceptedProposals(ward));
            model.put("resolutions", origins.adoptedResolutions(ward));
            return model;
        }).flatMap(model -> {
            model.put("ward", ward);
            model.put("wards", ConsoleView.choosableWards(actor));
            model.put("programmes", Arrays.asList(ProjectProgramme.values()));
            model.put("currentYear", FiscalYear.containing(clock.instant()).startYear());
            // a fresh key for each rendered form: the same form sent twice creates one project
            model.put("idempotencyKey", AggregateCommands.newId());
            FormPosts.describe(model, outcome, exchange);
            return ConsoleView.page(exchange, "projects", "/console/projects", model, status);
        });
    }

    private ProjectPage list(Ward ward, ProjectStatus status) {
        Map<String, List<String>> params = new HashMap<>();
        params.put("status", List.of(status.name()));
        params.put("size", List.of(Integer.toString(ListParameters.MAX_SIZE)));
        if (ward != null) {
            params.put("ward", List.of(ward.code()));
        }
        return projects.list(ProjectListQuery.parse(params));
    }
}
