package kyodo.ops.console.project;

import jakarta.validation.Validator;
import kyodo.command.access.CommandPermissions;
import kyodo.command.project.BudgetAllocations;
import kyodo.command.project.web.ProjectCommandBodies;
import kyodo.command.sending.AggregateCommands;
import kyodo.command.web.ActingStaff;
import kyodo.kernel.FiscalYear;
import kyodo.kernel.Ward;
import kyodo.kernel.Yen;
import kyodo.kernel.access.Actor;
import kyodo.kernel.project.PartnerType;
import kyodo.kernel.problem.KyodoProblemException;
import kyodo.ops.console.ConsoleAction;
import kyodo.ops.console.ConsoleView;
import kyodo.ops.console.FormPosts;
import kyodo.query.budget.WardBudgetViews;
import kyodo.query.budget.WardBudgetViews.WardBudgetView;
import kyodo.query.project.ProjectViews;
import kyodo.query.project.ProjectViews.ProjectView;
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

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;

/**
 * A project in the console: what it is, its partners and agreements, its approval, its money (with the
 * ward budget's envelope still available, read before an allocation is sent), its targets against actuals,
 * reports and evaluation, and the forms of what staff do with it. A form posts here; its fields are checked
 * as the JSON API checks them (400: the page again, each error beside its field), then the command goes to
 * the command side in-process, conditional on the version the page was rendered from. Success redirects to
 * the page at the new version; a refusal (403, 409, 412) shows the page as it stands now with the reason.
 */
@Controller
class ProjectPageController {

    private static final String NOT_FOUND = "No project with that id.";

    private final ProjectViews projects;
    private final WardBudgetViews budgets;
    private final ReadAfterWrite reads;
    private final AggregateCommands commands;
    private final BudgetAllocations allocations;
    private final Validator validator;

    ProjectPageController(ProjectViews projects, WardBudgetViews budgets, ReadAfterWrite reads,
                          AggregateCommands commands, BudgetAllocations allocations, Validator validator) {
        this.projects = projects;
        this.budgets = budgets;
        this.reads = reads;
        this.commands = commands;
        this.allocations = allocations;
        this.validator = validator;
    }

    @GetMapping(path = "/console/projects/{id}", produces = "text/html")
    Mono<Rendering> project(@PathVariable String id, @RequestParam(required = false) String done,
                            @RequestParam(required = false) Long minVersion, ServerWebExchange exchange) {
        String shownDone = "launch".equals(done) ? done : ConsoleAction.done(ProjectAction.class, done);
        return ActingStaff.current().flatMap(actor -> show(id, actor, minVersion, shownDone, null, exchange,
                HttpStatus.OK));
    }

    @PostMapping(path = "/console/projects/{id}/{action}", produces = "text/html")
    Mono<Rendering> act(@PathVariable String id, @PathVariable String action, ServerWebExchange exchange) {
        ProjectAction act = ConsoleAction.named(ProjectAction.class, action, "project");
        return FormPosts.act(exchange, act.slug(), validator, act::body, (actor, ifMatch, body) -> send(id, ifMatch, actor, body),
                version -> "/console/projects/" + id + "?done=" + act.slug() + "&minVersion=" + version,
                actor -> (minVersion, outcome, status) -> show(id, actor, minVersion, null, outcome, exchange, status));
    }

    /** The body's command, as the JSON API sends it; the project's version after it. */
    private Mono<Long> send(String id, String ifMatch, Actor actor, Object body) {
        if (body instanceof ProjectCommandBodies.Allocation allocation) {
            return allocations.allocate(id, ifMatch, Yen.of(allocation.amountYen()), allocation.reason(), actor)
                    .map(BudgetAllocations.Allocation::version);
        }
        return commands.send(id, ifMatch, actor, FormPosts.commandOf(body));
    }

    private Mono<Rendering> show(String id, Actor actor, Long minVersion, String done, FormPosts.Outcome outcome,
                                 ServerWebExchange exchange, HttpStatus status) {
        return reads.readDocument(id, () -> projects.find(id), minVersion, NOT_FOUND)
                .flatMap(doc -> Blocking.read(() -> projects.view(doc)))
                .flatMap(pr -> budgetOf(pr, minVersion != null).map(budget -> Map.entry(pr, budget)))
                .flatMap(read -> {
                    ProjectView pr = read.getKey();
                    boolean ownWard = actor.covers(Ward.fromCode(pr.ward()).orElse(null));
                    Map<String, Object> model = new HashMap<>();
                    model.put("pr", pr);
                    model.put("budget", read.getValue().orElse(null));
                    model.put("ownWard", ownWard);
                    model.put("actions", ownWard ? offered(pr, actor) : List.of());
                    model.put("partnerTypes", Arrays.asList(PartnerType.values()));
                    model.put("targetYears", IntStream.range(0, 3).map(i -> pr.fiscalYear() + i).boxed().toList());
                    model.put("done", done);
                    FormPosts.describe(model, outcome, exchange);
                    return ConsoleView.page(exchange, "project", "/console/projects/" + id, model, status);
                });
    }

    /**
     * The ward budget the project draws on, for the envelope still available (the budget still decides). Right
     * after a command (read your own writes) it is read once it counts what the project holds: an allocation
     * changes the budget, another document, too. Should it lag beyond the bound, it is shown as it stands.
     */
    private Mono<Optional<WardBudgetView>> budgetOf(ProjectView pr, boolean afterCommand) {
        Optional<Ward> ward = Ward.fromCode(pr.ward());
        if (ward.isEmpty()) {
            return Mono.just(Optional.empty());
        }
        WardBudgetViews.BudgetKey key = new WardBudgetViews.BudgetKey(ward.get(), FiscalYear.of(pr.fiscalYear()));
        Callable<Optional<WardBudgetView>> lookup = () -> budgets.find(key).map(budgets::view);
        Long counted = afterCommand && pr.allocatedYen() > 0 ? 1L : null;
        return reads.read(lookup, budget -> budget.projects().stream().filter(f -> f.projectId().equals(pr.id()))
                        .mapToLong(WardBudgetViews.FundedProject::allocatedYen).sum() >= pr.allocatedYen() ? 1 : 0, counted)
                .onErrorResume(KyodoProblemException.class, lagging -> Blocking.read(lookup));
    }

    /** The forms for the project's status that the member's role may send (the command side still decides). */
    private static List<String> offered(ProjectView pr, Actor actor) {
        return ConsoleAction.slugs(ConsoleAction.offered(ProjectAction.class, pr.status()).stream()
                .filter(a -> a.command().map(c -> CommandPermissions.allows(actor.role(), c)).orElse(true))
                .toList());
    }
}
