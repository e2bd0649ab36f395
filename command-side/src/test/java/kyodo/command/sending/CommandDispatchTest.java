package kyodo.command.sending;

import kyodo.command.platform.CommandWorkers;
import kyodo.kernel.access.Actor;
import kyodo.kernel.access.Role;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

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
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch finished = new CountDownLatch(1);
        AtomicBoolean interrupted = new AtomicBoolean();
        CommandGateway gateway = mock(CommandGateway.class);
        when(gateway.send(any())).thenAnswer(invocation -> {
            running.countDown();
            try {
                release.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                interrupted.set(true);
            }
            finished.countDown();
            return CompletableFuture.completedFuture(3L);
        });
        CommandDispatch dispatch = new CommandDispatch(gateway, new CommandWorkers(2, 100, Duration.ofSeconds(10), Duration.ofSeconds(75)));

        Disposable request = dispatch.send("a command", STAFF)
                .subscribe(answer -> { }, error -> { });
        assertThat(running.await(60, TimeUnit.SECONDS)).isTrue();
        request.dispose();
        Thread.sleep(200);
        release.countDown();

        assertThat(finished.await(60, TimeUnit.SECONDS)).isTrue();
        assertThat(interrupted).as("the command's thread was interrupted").isFalse();
    }

    @Test
    void theAnswerAndTheHandlersRefusalReachTheCaller() {
        CommandGateway gateway = mock(CommandGateway.class);
        when(gateway.send(any())).thenReturn(CompletableFuture.completedFuture(7L))
                .thenReturn(CompletableFuture.failedFuture(new IllegalStateException("refused")));
        CommandDispatch dispatch = new CommandDispatch(gateway, new CommandWorkers(2, 100, Duration.ofSeconds(10), Duration.ofSeconds(75)));

        assertThat(dispatch.sendForVersion("first", STAFF).block()).isEqualTo(7L);
        assertThat(dispatch.sendForVersion("second", STAFF)
                .onErrorResume(IllegalStateException.class, e -> reactor.core.publisher.Mono.just(-1L)).block())
                .isEqualTo(-1L);
    }
}
