package kyodo.command.platform;

import org.axonframework.eventsourcing.conflictresolution.ConflictResolver;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.modelling.command.CommandHandlerInterceptor;

/**
 * Base of every aggregate: a command that names the version it expects (If-Match) and finds a
 * newer one is refused as stale before any rule is checked. Axon alone would run the handler
 * first and only then report the conflict, so a stale request could come back as a rule refusal
 * instead of 412.
 */
public abstract class VersionedAggregate {

    @CommandHandlerInterceptor
    Object refuseStaleVersions(ConflictResolver conflicts, InterceptorChain chain) throws Exception {
        conflicts.detectConflicts(unseenEvents -> !unseenEvents.isEmpty());
        return chain.proceed();
    }
}
