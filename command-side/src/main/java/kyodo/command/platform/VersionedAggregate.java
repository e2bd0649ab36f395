package kyodo.command.platform;

import kyodo.command.access.CommandAccess;
import kyodo.kernel.Ward;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.eventsourcing.conflictresolution.ConflictResolver;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.modelling.command.AggregateLifecycle;
import org.axonframework.modelling.command.CommandHandlerInterceptor;

/**
 * Base of every aggregate. Before any rule is checked, a command is refused
 * <ul>
 *   <li>as forbidden when its sender's ward scope does not cover the subject's ward (a 幸区 staff
 *       member cannot act on a 中原区 proposal): {@link CommandAccess#requireScope};</li>
 *   <li>as stale when it names the version it expects (If-Match) and finds a newer one. Axon alone
 *       would run the handler first and only then report the conflict, so a stale request could
 *       come back as a rule refusal instead of 412.</li>
 * </ul>
 */
public abstract class VersionedAggregate {

    @CommandHandlerInterceptor
    Object refuseOutOfScopeAndStale(CommandMessage<?> command, ConflictResolver conflicts, InterceptorChain chain)
            throws Exception {
        CommandAccess.requireScope(command, ward());
        conflicts.detectConflicts(unseenEvents -> !unseenEvents.isEmpty());
        return chain.proceed();
    }

    /**
     * Applies the event a command handler decided on and answers the aggregate's version after it,
     * which the edge sends back as the ETag.
     */
    protected static long applied(Object event) {
        AggregateLifecycle.apply(event);
        return AggregateLifecycle.getVersion();
    }

    /** The ward the subject belongs to, or null for a city-wide one. */
    protected abstract Ward ward();
}
