package kyodo.ops.console.project;

import jakarta.validation.Validator;
import kyodo.command.access.CommandPermissions;
import kyodo.command.budget.SetEnvelope;
import kyodo.command.budget.web.WardBudgetCommandBodies;
import kyodo.command.sending.AggregateCommands;
import kyodo.command.web.ActingStaff;
import kyodo.kernel.FiscalYear;
import kyodo.kernel.Ward;
import kyodo.kernel.access.Actor;
import kyodo.ops.console.ConsoleView;
import kyodo.ops.console.FormErrors;
import kyodo.ops.console.FormPosts;
import kyodo.query.budget.WardBudgetViews;
import kyodo.query.budget.WardBudgetViews.BudgetKey;
import kyodo.query.budget.WardBudgetViews.WardBudgetSummary;
import kyodo.query.budget.WardBudgetViews.WardBudgetView;
import kyodo.query.project.ProjectViews;
import kyodo.query.web.Blocking;
import kyodo.query.web.ReadAfterWrite;
import org.bson.Document;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
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
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Ward budgets in the console: every ward's envelope of a fiscal year with what is allocated, spent and still
 * available, and one ward's budget with its envelope decisions and funded projects. An ADMIN sets the
 * envelope there (the form appears only for a role that may; the command side still decides), conditional on
 * the budget's version the page showed, since allocations change the budget too.
 */
@Controller
class BudgetPageController {

    private final WardBudgetViews budgets;
    private final ProjectViews projects;
    private final ReadAfterWrite reads;
    private final AggregateCommands commands;
    private final Validator validator;
    private final Clock clock;

    BudgetPageController(WardBudgetViews budgets, ProjectViews projects, ReadAfterWrite reads,
                         AggregateCommands commands, Validator validator, Clock clock) {
        this.budgets = budgets;
        this.projects = projects;
        this.reads = reads;
        this.commands = commands;
        this.validator = validator;
        this.clock = clock;
    }

    /** A ward's line of the year: its budget's totals, or null when no envelope was set yet. */
    public record Line(Ward ward, WardBudgetSummary budget) {
    }

    @GetMapping(path = "/console/budgets", produces = "text/html")
    Mono<Rendering> year(@RequestParam Map<String, String> query, ServerWebExchange exchange) {
        FiscalYear year = query.containsKey("fiscalYear")
                ? WardBudgetViews.listYear(Map.of("fiscalYear", List.of(query.get("fiscalYear"))))
                : FiscalYear.containing(clock.instant());
        return ActingStaff.current().then(Blocking.read(() -> budgets.year(year))).flatMap(set -> {
            Map<String, WardBudgetSummary> byWard = set.items().stream()
                    .collect(Collectors.toMap(WardBudgetSummary::ward, Function.identity()));
            Map<String, Object> model = new HashMap<>();
            model.put("year", year.startYear());
            model.put("lines", Arrays.stream(Ward.values()).map(w -> new Line(w, byWard.get(w.code()))).toList());
            return ConsoleView.page(exchange, "budgets", "/console/budgets", model, HttpStatus.OK);
        });
    }

    @GetMapping(path = "/console/budgets/{ward}/{fiscalYear}", produces = "text/html")
    Mono<Rendering> budget(@PathVariable String ward, @PathVariable String fiscalYear,
                           @RequestParam(required = false) String done, @RequestParam(required = false) Long minVersion,
                           ServerWebExchange exchange) {
        BudgetKey key = WardBudgetViews.key(ward, fiscalYear);
        return ActingStaff.current().flatMap(actor -> show(key, actor, minVersion,
                "envelope".equals(done) ? done : null, null, exchange, HttpStatus.OK));
    }

    @PostMapping(path = "/console/budgets/{ward}/{fiscalYear}", produces = "text/html")
    Mono<Rendering> envelope(@PathVariable String ward, @PathVariable String fiscalYear, ServerWebExchange exchange) {
        BudgetKey key = WardBudgetViews.key(ward, fiscalYear);
        return FormPosts.read(exchange, (fields, actor) -> {
            Map<String, String> form = fields.toSingleValueMap();
            FormErrors errors = new FormErrors();
            WardBudgetCommandBodies.Envelope body = new WardBudgetCommandBodies.Envelope(
                    errors.longNumber(form, "envelopeYen"), FormPosts.text(form, "reason"));
            errors.check(body, validator);
            // a budget never set has no version yet: its first envelope creates it
            String ifMatch = "".equals(form.get("version")) ? null : errors.version(form);
            return FormPosts.send("envelope", form, errors,
                    () -> commands.send(key.budgetId(), ifMatch, actor, body.command(key.ward(), key.fiscalYear())),
                    version -> "/console/budgets/" + key.ward().code() + "/" + key.fiscalYear().startYear()
                            + "?done=envelope&minVersion=" + version,
                    (minVersion, outcome, status) -> show(key, actor, minVersion, null, outcome, exchange, status));
        });
    }

    private Mono<Rendering> show(BudgetKey key, Actor actor, Long minVersion, String done, FormPosts.Outcome outcome,
                                 ServerWebExchange exchange, HttpStatus status) {
        return reads.read(() -> budgets.find(key), (Document doc) -> doc.getLong("version"), minVersion)
                .flatMap(found -> Blocking.read(() -> {
                    Optional<WardBudgetView> budget = found.map(budgets::view);
                    Map<String, Object> model = new HashMap<>();
                    model.put("budget", budget.orElse(null));
                    model.put("titles", budget.map(b -> projects.titles(b.projects().stream()
                            .map(WardBudgetViews.FundedProject::projectId).toList())).orElse(Map.of()));
                    return model;
                }))
                .flatMap(model -> {
                    model.put("ward", key.ward());
                    model.put("year", key.fiscalYear().startYear());
                    model.put("canSet", CommandPermissions.allows(actor.role(), SetEnvelope.class));
                    model.put("done", done);
                    FormPosts.describe(model, outcome, exchange);
                    return ConsoleView.page(exchange, "budget", "/console/budgets/" + key.ward().code() + "/"
                            + key.fiscalYear().startYear(), model, status);
                });
    }
}
