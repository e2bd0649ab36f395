package kyodo.command.sending;

import kyodo.command.access.ActorMetadata;
import kyodo.command.platform.CommandSettings;
import kyodo.command.platform.CommandWorkers;
import kyodo.kernel.access.Actor;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

import java.time.Duration;

/**
 * Sends commands for a signed-in actor: non-blocking, bounded in time, with the actor in the
 * metadata (id and role copied onto every event the command causes, the ward scope checked by
 * {@link kyodo.command.access.CommandAccess}). A timeout answers 503 so the client retries; with an
 * Idempotency-Key or If-Match a retry is safe.
 */
@Component
public class CommandDispatch {

    private final CommandGateway gateway;
    private final CommandWorkers workers;
    private final Duration timeout;

    @Autowired
    public CommandDispatch(CommandGateway gateway, CommandWorkers workers, CommandSettings settings) {
        this(gateway, workers, settings.timeout());
    }

    CommandDispatch(CommandGateway gateway, CommandWorkers workers, Duration timeout) {
        this.gateway = gateway;
        this.workers = workers;
        this.timeout = timeout;
    }

    /** Sends a command and answers with the handler's result. */
    public <R> Mono<R> send(Object command, Actor actor) {
        // The ward scope of the signed-in actor goes with the command, for the command side's access
        // checks; it is not correlated onto events (ActorMetadata).
        MetaData metaData = ActorMetadata.of(actor.staffRef()).and(ActorMetadata.WARD_SCOPE, actor.scopeCode());
        // The local command bus handles a command on the calling thread, JDBC included: never on
        // Netty's event loop, and on a command thread that a client going away (or the timeout)
        // does not interrupt (CommandWorkers): the answer is given up on without cancelling it.
        return workers.<R>callAsync(() -> gateway.<R>send(
                        GenericCommandMessage.asCommandMessage(command).andMetaData(metaData)))
                .timeout(timeout);
    }

    /** Sends a command whose handler answers the aggregate's new version. */
    public Mono<Long> sendForVersion(Object command, Actor actor) {
        return this.<Object>send(command, actor).map(result -> ((Number) result).longValue());
    }
}
