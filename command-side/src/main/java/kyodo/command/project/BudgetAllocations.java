package kyodo.command.project;

import kyodo.command.access.CommandPermissions;
import kyodo.command.platform.CommandOutcomes;
import kyodo.command.platform.CommandWorkers;
import kyodo.command.web.ActingStaff;
import kyodo.command.web.IfMatch;
import kyodo.command.budget.BudgetProblems;
import kyodo.command.budget.ReleaseFunds;
import kyodo.command.budget.ReserveFunds;
import kyodo.command.web.AggregateCommands;
import kyodo.command.web.CommandDispatch;
import kyodo.kernel.StaffRef;
import kyodo.kernel.Yen;
import kyodo.kernel.problem.CommonProblems;
import kyodo.kernel.problem.KyodoProblemException;
import kyodo.kernel.project.WardBudgetId;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;


/**
 * Allocating money moves it between two aggregates. The ward budget reserves it first (and alone
 * guards the envelope, so concurrent allocations cannot overspend it); the project then records
 * the allocation as the ward head's decision; if the project refuses, the reservation is released
 * at once. Should the process stop between the two steps, the budget's reservation expires and is
 * released unless the project recorded it (ADR 9). Every step is keyed by the allocation id, so a
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

    /**
     * Allocates money to a project from its ward's budget.
     *
     * @param answer shapes the answer from the project's new version and the allocation id
     */
    public <T> Mono<ResponseEntity<T>> allocate(String projectId, String ifMatch, Yen amount, String reason,
                                                StaffRef actor, java.util.function.BiFunction<Long, String,
                                                ResponseEntity<T>> answer) {
        try {
            // refused before anything is reserved; the budget and the project check it again
            CommandPermissions.require(actor, RecordAllocation.class);
        } catch (KyodoProblemException refused) {
            return Mono.error(refused);
        }
        String allocationId = AggregateCommands.newId();
        String decisionId = AggregateCommands.newId();
        return workers.call(() -> records.placeOf(projectId))
                .flatMap(place -> place.map(Mono::just).orElseGet(() -> Mono.error(new KyodoProblemException(
                        CommonProblems.NOT_FOUND, "No project with that id."))))
                .zipWith(ActingStaff.current())
                .flatMap(placeAndActor -> {
                    ProjectRecords.Place place = placeAndActor.getT1();
                    if (!placeAndActor.getT2().covers(place.ward())) {
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
                    // Compensation covers only the second step: a refused reservation reserved nothing.
                    return reserve(budgetId, allocationId, projectId, amount, actor)
                            .then(commands.sendThen(projectId, ifMatch, actor, (version, at) -> new RecordAllocation(
                                                    projectId, version, allocationId, decisionId, budgetId, amount,
                                                    reason, at, actor),
                                            version -> answer.apply(version, allocationId))
                                    .onErrorResume(refused -> release(budgetId, allocationId, projectId, amount, actor)
                                            .then(Mono.error(refused))));
                });
    }

    private Mono<Object> reserve(String budgetId, String allocationId, String projectId, Yen amount, StaffRef actor) {
        return dispatch.send(new ReserveFunds(budgetId, allocationId, projectId, amount, commands.now()), actor)
                // the budget's own 404, also when only its problem details crossed the bus
                .onErrorMap(CommandOutcomes::notFound, e -> new KyodoProblemException(
                        BudgetProblems.MISSING, "Set the " + budgetId + " envelope first."));
    }

    /** Compensation: the project did not take the reserved money, so the budget gets it back. */
    private Mono<Object> release(String budgetId, String allocationId, String projectId, Yen amount, StaffRef actor) {
        return dispatch.send(new ReleaseFunds(budgetId, allocationId, projectId, amount,
                        "事業側で配分が確定しなかったため予約を解除しました", commands.now()), actor)
                .onErrorResume(e -> Mono.empty());
    }
}
