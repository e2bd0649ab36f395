package kyodo.command.project;

import kyodo.command.budget.ReleaseFunds;
import kyodo.command.sending.PolicyCommands;
import kyodo.kernel.project.ProjectTerminated;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.stereotype.Component;

/**
 * A terminated project's unspent allocation returns to its ward budget. Exactly once: the release
 * is keyed by the termination, and the budget records a release id only once.
 */
@Component
@ProcessingGroup(TerminationReturnsFunds.GROUP)
class TerminationReturnsFunds {

    static final String GROUP = "termination-returns-funds";

    private final PolicyCommands commands;

    TerminationReturnsFunds(PolicyCommands commands) {
        this.commands = commands;
    }

    @EventHandler
    void on(ProjectTerminated terminated) {
        if (terminated.budgetId() == null || !terminated.unspent().isPositive()) {
            return;
        }
        ReleaseFunds release = new ReleaseFunds(terminated.budgetId(), "termination-" + terminated.projectId(),
                terminated.projectId(), terminated.unspent(), "事業の中止により未使用額を返還しました",
                terminated.decision().decidedAt());
        commands.sendAndWait(release, terminated.decision().decidedBy());
    }
}
