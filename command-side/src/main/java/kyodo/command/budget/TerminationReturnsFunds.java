package kyodo.command.budget;

import kyodo.command.sending.PolicyCommands;
import kyodo.kernel.project.ProjectTerminated;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.stereotype.Component;

/**
 * A terminated project's unspent allocation returns to its ward budget. Exactly once: the release
 * is keyed by the termination, and the budget records a release id only once. It lives with the
 * budget, whose command it sends, and hears of the project only through the kernel's
 * {@link ProjectTerminated}.
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
        ReleaseFunds release = new ReleaseFunds(terminated.budgetId(), WardBudget.UNSPENT_PREFIX + terminated.projectId(),
                terminated.projectId(), terminated.unspent(), "事業の中止により未使用額を返還しました",
                terminated.decision().decidedAt());
        // Should a rule refuse it, retrying cannot change that: the policy moves on (PolicyCommands).
        commands.sendAndWait(release, terminated.decision().decidedBy());
    }
}
