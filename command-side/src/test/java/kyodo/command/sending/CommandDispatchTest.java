package kyodo.command.sending;

import kyodo.command.platform.CommandWorkers;
import kyodo.command.platform.HeldWork;
import kyodo.kernel.access.Actor;
import kyodo.kernel.access.Role;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

/**
 * A request that goes away while its command runs (a client that hangs up, or the timeout) leaves
 * the command's thread alone: an interrupt there would leave Axon's unit-of-work timeout with a
 * record that its janitor acts on a minute later, on whatever that thread then runs.
 */
class CommandDispatchTest {

    private static final Actor STAFF = new Actor("t-staff-city", Role.STAFF, null);

    @Test
    void aCancelledRequestDoesNotInterruptItsCommand() throws Exception {
        HeldWork command = new HeldWork();
        CommandGateway gateway = mock(CommandGateway.class);
        when(gateway.send(any())).thenAnswer(invocation -> {
            command.run();
            return CompletableFuture.completedFuture(3L);
        });
        CommandDispatch dispatch = new CommandDispatch(gateway, workers());

        Disposable request = dispatch.send("a command", STAFF)
                .subscribe(answer -> { }, error -> { });
        command.awaitRunning();
        request.dispose();
        Thread.sleep(200);

        command.releaseAndAwaitItsUninterruptedEnd();
    }

    @Test
    void theAnswerAndTheHandlersRefusalReachTheCaller() {
        CommandGateway gateway = mock(CommandGateway.class);
        when(gateway.send(any())).thenReturn(CompletableFuture.completedFuture(7L))
                .thenReturn(CompletableFuture.failedFuture(new IllegalStateException("refused")));
        CommandDispatch dispatch = new CommandDispatch(gateway, workers());

        assertThat(dispatch.sendForVersion("first", STAFF).block()).isEqualTo(7L);
        assertThat(dispatch.sendForVersion("second", STAFF)
                .onErrorResume(IllegalStateException.class, e -> reactor.core.publisher.Mono.just(-1L)).block())
                .isEqualTo(-1L);
    }

    private static CommandWorkers workers() {
        return new CommandWorkers(2, 100, Duration.ofSeconds(10), Duration.ofSeconds(75));
    }
}
