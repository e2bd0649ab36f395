package kyodo.command.project;

import kyodo.command.access.CommandPermissions;
import kyodo.command.budget.BudgetProblems;
import kyodo.command.budget.ReleaseFunds;
import kyodo.command.budget.ReserveFunds;
import kyodo.command.platform.CommandOutcomes;
import kyodo.command.platform.CommandWorkers;
import kyodo.command.sending.AggregateCommands;
import kyodo.command.sending.CommandDispatch;
import kyodo.command.sending.IfMatch;
import kyodo.kernel.Yen;
import kyodo.kernel.access.Actor;
import kyodo.kernel.problem.CommonProblems;
import kyodo.kernel.problem.KyodoProblemException;
import kyodo.kernel.project.WardBudgetId;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * Allocating money moves it between two aggregates. The ward budget reserves it first (and alone
 * guards the envelope, so concurrent allocations cannot overspend it); the project then records
 * the allocation as the ward head's decision; if the project refuses, the reservation is released
 * at once. Should the process stop between the two steps, or the project's outcome be unknown (a 504,
 * a timeout), the budget's reservation expires and is released unless the project recorded it (ADR 9). Every step is keyed by the allocation id, so a
 * retry neither loses nor doubles money.
 */
@Service
public class BudgetAllocations {

    private final ProjectRecords records;
    private final CommandDispatch dispatch;
    private final AggregateCommands commands;
    private final CommandWorkers workers;

    BudgetAllocations(ProjectRecords records, CommandDispatch dispatch, AggregateCommands commands,
                      CommandWorkers workers) {
        this.records = records;
        this.dispatch = dispatch;
        this.commands = commands;
        this.workers = workers;
    }

    /** An allocation recorded: its id and the project's version after it. */
    public record Allocation(String allocationId, long version) {
    }

    /**
     * Allocates money to a project from its ward's budget.
     *
     * @param ifMatch the client's If-Match on the project, or null
     */
    public Mono<Allocation> allocate(String projectId, String ifMatch, Yen amount, String reason, Actor actor) {
        try {
            // refused before anything is reserved; the budget and the project check it again
            CommandPermissions.require(actor.staffRef(), RecordAllocation.class);
        } catch (KyodoProblemException refused) {
            return Mono.error(refused);
        }
        String allocationId = AggregateCommands.newId();
        String decisionId = AggregateCommands.newId();
        return workers.call(() -> records.placeOf(projectId))
                .flatMap(place -> place.map(Mono::just).orElseGet(() -> Mono.error(new KyodoProblemException(
                        CommonProblems.NOT_FOUND, "No project with that id."))))
                .flatMap(place -> {
                    if (!actor.covers(place.ward())) {
                        // checked again by the ward budget itself; refused here before anything is reserved
                        return Mono.error(new KyodoProblemException(CommonProblems.FORBIDDEN,
                                "This project belongs to another ward than yours."));
                    }
                    Long expected = IfMatch.expectedVersion(ifMatch);
                    if (expected != null && expected != place.version()) {
                        // stale: refused before anything is reserved (the project would refuse it after)
                        return Mono.error(new KyodoProblemException(CommonProblems.STALE_VERSION,
                                "The project is at version " + place.version() + ", not " + expected + "."));
                    }
                    if (place.ward() == null) {
                        return Mono.error(new KyodoProblemException(ProjectProblems.NO_WARD_BUDGET,
                                "A city-wide project has no ward budget."));
                    }
                    String budgetId = WardBudgetId.of(place.ward(), place.fiscalYear());
                    // Compensation covers only the second step: a refused reservation reserved nothing. And
                    // only a failure that proves the project stored nothing: after a 504 (outcome unknown), a
                    // timeout or an internal error the project may still record the allocation, and money
                    // released now would count twice; the reservation's expiry asks the event store later.
                    return reserve(budgetId, allocationId, projectId, amount, actor)
                            .then(commands.send(projectId, ifMatch, actor, (id, version, at, by) -> new RecordAllocation(
                                            id, version, allocationId, decisionId, budgetId, amount, reason, at, by))
                                    .onErrorResume(CommandOutcomes::storedNothing, refused -> release(budgetId,
                                            allocationId, projectId, amount, actor).then(Mono.error(refused))))
                            .map(version -> new Allocation(allocationId, version));
                });
    }

    private Mono<Object> reserve(String budgetId, String allocationId, String projectId, Yen amount, Actor actor) {
        return dispatch.send(new ReserveFunds(budgetId, allocationId, projectId, amount, commands.now()), actor)
                // the budget's own 404, also when only its problem details crossed the bus
                .onErrorMap(CommandOutcomes::notFound, e -> new KyodoProblemException(
                        BudgetProblems.MISSING, "Set the " + budgetId + " envelope first."));
    }

    /** Compensation: the project did not take the reserved money, so the budget gets it back. */
    private Mono<Object> release(String budgetId, String allocationId, String projectId, Yen amount, Actor actor) {
        return dispatch.send(new ReleaseFunds(budgetId, allocationId, projectId, amount,
                        "事業側で配分が確定しなかったため予約を解除しました", commands.now()), actor)
                .onErrorResume(e -> Mono.empty());
    }
}
