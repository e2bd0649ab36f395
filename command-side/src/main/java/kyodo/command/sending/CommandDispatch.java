package kyodo.command.sending;

import kyodo.command.access.ActorMetadata;
import kyodo.command.platform.CommandWorkers;
import kyodo.kernel.access.Actor;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Sends commands for a signed-in actor: non-blocking, bounded in time, with the actor in the
 * metadata (id and role copied onto every event the command causes, the ward scope checked by
 * {@link kyodo.command.access.CommandAccess}). Bounded in time by {@link CommandWorkers}: a command
 * that has not started within {@code kyodo.command.timeout} is withdrawn and answered 503 (it never
 * runs: sending it again is safe); one that has started is waited for, up to
 * {@code kyodo.command.outcome-wait}, then answered 504 (its outcome unknown: read before resending, or
 * resend with the same Idempotency-Key or If-Match).
 */
@Component
public class CommandDispatch {

    private final CommandGateway gateway;
    private final CommandWorkers workers;

    public CommandDispatch(CommandGateway gateway, CommandWorkers workers) {
        this.gateway = gateway;
        this.workers = workers;
    }

    /** Sends a command and answers with the handler's result. */
    public <R> Mono<R> send(Object command, Actor actor) {
        // The ward scope of the signed-in actor goes with the command, for the command side's access
        // checks; it is not correlated onto events (ActorMetadata).
        MetaData metaData = ActorMetadata.of(actor.staffRef()).and(ActorMetadata.WARD_SCOPE, actor.scopeCode());
        // The local command bus handles a command on the calling thread, JDBC included: never on
        // Netty's event loop, and on a command thread, which withdraws a command not started in time
        // (or whose client went away) and never interrupts one that has started (CommandWorkers).
        return workers.callAsync(() -> gateway.<R>send(
                GenericCommandMessage.asCommandMessage(command).andMetaData(metaData)));
    }

    /** Sends a command whose handler answers the aggregate's new version. */
    public Mono<Long> sendForVersion(Object command, Actor actor) {
        return this.<Object>send(command, actor).map(result -> ((Number) result).longValue());
    }
}
