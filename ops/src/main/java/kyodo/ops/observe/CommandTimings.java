package kyodo.ops.observe;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.axonframework.messaging.Message;
import org.axonframework.monitoring.MessageMonitor;

/**
 * The command bus's monitor: one latency histogram per command type and outcome
 * ({@code kyodo_commands_seconds_bucket{command="SubmitProposal",outcome="success"}}), from the moment
 * the bus takes a command to its commit or refusal. Only the type's simple name is a tag: never a value
 * of the command.
 */
public class CommandTimings implements MessageMonitor<Message<?>> {

    static final String METER = "kyodo.commands";

    private final MeterRegistry registry;

    public CommandTimings(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public MonitorCallback onMessageIngested(Message<?> message) {
        String command = message.getPayloadType().getSimpleName();
        Timer.Sample sample = Timer.start(registry);
        return new MonitorCallback() {
            @Override
            public void reportSuccess() {
                sample.stop(timer(command, "success"));
            }

            @Override
            public void reportFailure(Throwable cause) {
                sample.stop(timer(command, "failure"));
            }

            @Override
            public void reportIgnored() {
                sample.stop(timer(command, "ignored"));
            }
        };
    }

    private Timer timer(String command, String outcome) {
        return Timer.builder(METER).description("Commands from the bus taking them to their commit or refusal")
                .tag("command", command).tag("outcome", outcome)
                .publishPercentileHistogram()
                .register(registry);
    }
}
