package kyodo.command.web;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

import java.time.Duration;

/**
 * Sends commands from the reactive edge: non-blocking, bounded in time. A timeout answers 503 so
 * the client retries; with an Idempotency-Key or If-Match a retry is safe.
 */
@Component
public class CommandDispatch {

    private final CommandGateway gateway;
    private final Duration timeout;

    public CommandDispatch(CommandGateway gateway, @Value("${kyodo.command.timeout:10s}") Duration timeout) {
        this.gateway = gateway;
        this.timeout = timeout;
    }

    /** Sends a command and answers with the handler's result. */
    public <R> Mono<R> send(Object command) {
        return Mono.defer(() -> Mono.<R>fromFuture(gateway.send(command))).timeout(timeout);
    }

    /** Sends a command whose handler answers the aggregate's new version. */
    public Mono<Long> sendForVersion(Object command) {
        return this.<Object>send(command).map(result -> ((Number) result).longValue());
    }
}
